import { describe, expect, it } from 'vitest';
import { planImport, type LibraryLookup } from '../../src/library/import-plan.ts';
import { titleKey } from '../../src/library/identity.ts';
import { newStoredPaper } from '../../src/library/merge.ts';
import { emptyPaperFields, type PaperFields, type StoredPaper } from '../../src/model/paper.ts';

const NOW = '2026-01-02T03:04:05.000Z';

function fields(title: string, extra: Partial<PaperFields> = {}): PaperFields {
  return { ...emptyPaperFields(title), ...extra };
}

function lookupOf(papers: StoredPaper[]): LibraryLookup {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const byTitle = new Map(papers.map((p) => [titleKey(p.title), p.id]));
  return { get: (id) => byId.get(id), idForTitleKey: (key) => byTitle.get(key) };
}

describe('planImport', () => {
  it('adds new papers under their arXiv id, or a title key when there is none', () => {
    const plan = planImport([fields('Attention Is All You Need', { arxivId: '1706.03762' }), fields('A Paper Without Id')], 'bibtex', NOW, lookupOf([]));
    expect(plan.added).toBe(2);
    expect(plan.upsert.map((p) => p.id)).toEqual(['1706.03762', 't:a-paper-without-id']);
    expect(plan.upsert[0]?.sources).toEqual(['bibtex']);
  });

  it('re-importing the same listing changes nothing', () => {
    const first = planImport([fields('Same', { arxivId: '2501.00001', upvotes: 3 })], 'hf-json', NOW, lookupOf([]));
    const again = planImport([fields('Same', { arxivId: '2501.00001', upvotes: 3 })], 'hf-json', NOW, lookupOf(first.upsert));
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 1, upsert: [] });
  });

  it('newer upvotes win, the longer abstract wins and sources are listed', () => {
    const existing = newStoredPaper('2501.00001', fields('P', { arxivId: '2501.00001', upvotes: 3, abstract: 'a much longer abstract text' }), 'hf-page', NOW);
    const plan = planImport([fields('P', { arxivId: '2501.00001', upvotes: 9, abstract: 'short' })], 'hf-json', NOW, lookupOf([existing]));
    expect(plan.updated).toBe(1);
    expect(plan.upsert[0]).toMatchObject({ upvotes: 9, abstract: 'a much longer abstract text', sources: ['hf-page', 'hf-json'], addedAt: NOW });
  });

  it('a paper known only by title adopts its arXiv id and is rekeyed', () => {
    const byTitle = newStoredPaper(titleKey('Deep Nets: A Survey'), fields('Deep Nets: A Survey', { authorCount: 4 }), 'hf-page', NOW);
    const plan = planImport([fields('Deep nets — a survey', { arxivId: '2502.12345', authors: ['A. B'] })], 'arxiv-atom', NOW, lookupOf([byTitle]));
    expect(plan.rekeys).toEqual([{ from: 't:deep-nets-a-survey', to: '2502.12345' }]);
    expect(plan.remove).toEqual(['t:deep-nets-a-survey']);
    expect(plan.upsert[0]).toMatchObject({ id: '2502.12345', arxivId: '2502.12345', title: 'Deep Nets: A Survey', sources: ['hf-page', 'arxiv-atom'] });
    expect(plan).toMatchObject({ added: 0, updated: 1 });
  });

  it('a title-only listing of a paper already known by arXiv id merges into it', () => {
    const known = newStoredPaper('2502.12345', fields('Deep Nets', { arxivId: '2502.12345' }), 'arxiv-atom', NOW);
    const plan = planImport([fields('DEEP NETS', { upvotes: 4 })], 'hf-page', NOW, lookupOf([known]));
    expect(plan.upsert.map((p) => p.id)).toEqual(['2502.12345']);
    expect(plan.upsert[0]?.upvotes).toBe(4);
    expect(plan.rekeys).toEqual([]);
  });

  it('an entry repeated inside one file is merged with a warning, not added twice', () => {
    const plan = planImport([fields('Twice', { arxivId: '2503.00001' }), fields('Twice', { arxivId: '2503.00001', upvotes: 2 })], 'bibtex', NOW, lookupOf([]));
    expect(plan.added).toBe(1);
    expect(plan.upsert).toHaveLength(1);
    expect(plan.upsert[0]?.upvotes).toBe(2);
    expect(plan.warnings[0]).toMatch(/entry 2 .*repeats an earlier entry/);
  });

  it('title-keyed and arXiv listings of one paper in the same file end up as one paper', () => {
    const plan = planImport([fields('Shared Title'), fields('Shared title', { arxivId: '2504.00002' })], 'bibtex', NOW, lookupOf([]));
    expect(plan.upsert.map((p) => p.id)).toEqual(['2504.00002']);
    expect(plan).toMatchObject({ added: 1, updated: 0, remove: [], rekeys: [] });
  });
});
