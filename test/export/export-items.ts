/** Realistic export items shared by the exporter tests. */
import { parse } from '@retorquere/bibtex-parser';
import { emptyPaperFields, type Annotation, type PaperFields, type StoredPaper } from '../../src/model/paper.ts';
import type { ExportItem } from '../../src/export/types.ts';
import { readFixture } from '../helpers/fixtures.ts';

export function stored(id: string, fields: Partial<PaperFields> & { title: string }): StoredPaper {
  return {
    ...emptyPaperFields(fields.title),
    ...fields,
    id,
    sources: ['arxiv-atom'],
    addedAt: '2026-01-05T10:00:00.000Z',
    modifiedAt: '2026-01-06T10:00:00.000Z',
  };
}

export function annotation(partial: Partial<Annotation> = {}): Annotation {
  return { starred: false, tags: [], status: null, updatedAt: '2026-02-01T08:30:00.000Z', ...partial };
}

/** The facts of arXiv's own BibTeX export of 2508.07662, read from the recorded entry. */
function gliclassFacts(): { title: string; authors: string[] } {
  const entry = parse(readFixture('arxiv-2508.07662.bib'), { sentenceCase: false }).entries[0];
  if (!entry) throw new Error('fixture arxiv-2508.07662.bib has no entry');
  const authors = (entry.fields.author ?? []).map((creator) => `${creator.firstName} ${creator.lastName}`);
  return { title: entry.fields.title ?? '', authors };
}

export const GLICLASS_NOTE = '# Why it matters\n\nFast *zero-shot* classifier.\n\n## Follow-up\n- compare with GLiNER\n';

export function gliclassItem(): ExportItem {
  const paper = stored('2508.07662', {
    ...gliclassFacts(),
    arxivId: '2508.07662',
    version: 1,
    abstract: 'Classification is one of the most widespread tasks in AI applications,\nserving often as the first step.',
    published: '2025-08-11',
    primaryCategory: 'cs.LG',
    categories: ['cs.LG', 'cs.AI'],
    url: 'https://arxiv.org/abs/2508.07662',
    pdfUrl: 'https://arxiv.org/pdf/2508.07662',
  });
  return { paper, annotation: annotation({ starred: true, tags: ['NLP', 'zero-shot'], status: 'to-read' }), note: GLICLASS_NOTE };
}

export const GODEL_TITLE = 'Gödel Numbers & the Limits of Proof: 100% {Formal} $5 x_1 ~ ^ # \\cite';

export function godelItem(): ExportItem {
  const paper = stored('t:godel-numbers', {
    title: GODEL_TITLE,
    authors: ['Kurt Gödel', 'Jan van der Berg', 'Łukasz Kaiser', 'Qwen Team', 'Zoë Ørsted-Çelik'],
    abstract: 'On formally undecidable propositions — über formal unentscheidbare Sätze.',
    published: '1931-03-01',
    venue: 'Monatshefte für Mathematik & Physik',
    entryType: 'article',
    doi: '10.1007/BF01700692',
  });
  return { paper: { ...paper, sources: ['bibtex'] }, annotation: null, note: null };
}

export function titleOnlyItem(): ExportItem {
  return { paper: stored('t:a-title-only-paper', { title: 'A Title-Only Paper' }), annotation: null, note: null };
}

export function importedBibtexItem(): ExportItem {
  const paper = stored('t:attention-is-all-you-need', {
    title: 'Attention Is All You Need',
    authors: ['Ashish Vaswani', 'Noam Shazeer'],
    authorCount: 8,
    published: '2017-12-04',
    venue: 'Advances in Neural Information Processing Systems',
    entryType: 'inproceedings',
    citationKey: 'Vaswani2017',
  });
  return { paper, annotation: annotation({ tags: ['transformers'], status: 'read' }), note: null };
}

/** A second Stepanov 2025 paper whose derived key collides with GLiClass's. */
export function collidingItem(id: string): ExportItem {
  const paper = stored(id, {
    title: 'GLiClass-v2: Faster Sequence Classification',
    authors: ['Ihor Stepanov'],
    arxivId: id,
    published: '2025-10-01',
  });
  return { paper, annotation: null, note: null };
}
