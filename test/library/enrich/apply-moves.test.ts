/**
 * Moves committed to real stores in a temporary data folder: the sample page's long title keys
 * migrated to short ids, and a title-only paper merged into the arXiv paper the library already had.
 */
import { describe, expect, it } from 'vitest';
import { applyPaperMoves, type MoveTargets } from '../../../src/library/enrich/apply-moves.ts';
import { planEnrichment } from '../../../src/library/enrich/plan-enrichment.ts';
import { planShortIds } from '../../../src/library/enrich/short-id-migration.ts';
import { parseArxivAtom } from '../../../src/importers/arxiv-atom.ts';
import type { Annotation, StoredPaper } from '../../../src/model/paper.ts';
import { Corpus } from '../../../src/search/corpus/corpus.ts';
import { AnnotationStore } from '../../../src/store/annotation-store.ts';
import { NoteStore } from '../../../src/store/note-store.ts';
import { PaperAliasStore } from '../../../src/store/paper-aliases.ts';
import { tempDir } from '../../helpers/fixtures.ts';
import { atomEntry, atomFeed } from './arxiv-title-server.ts';
import { ARXIV_PAPERS, samplePapers } from './sample-arxiv.ts';

const GEOREF_LONG = 't:georef-referring-expressions-in-geometry-via-task-formulation-synthetic-supervision-and-reinforced-mllm-based-solutions';
const TOOLRL = 't:toolrl-reward-is-all-tool-learning-needs';

async function folder(papers: StoredPaper[]) {
  const dataDir = tempDir();
  const corpus = await Corpus.open(dataDir);
  await corpus.commit({ upsert: papers, remove: [] });
  const targets: MoveTargets & { corpus: Corpus; annotations: AnnotationStore; notes: NoteStore; aliases: PaperAliasStore } = {
    dataDir,
    corpus,
    annotations: AnnotationStore.open(dataDir),
    notes: new NoteStore(dataDir),
    aliases: PaperAliasStore.open(dataDir),
  };
  return targets;
}

const star = (tags: string[]) => (a: Annotation): Annotation => ({ ...a, starred: true, tags });

describe('applyPaperMoves', () => {
  it('migrates the sample to short ids with every annotation, note and version, the long ids kept as aliases', async () => {
    const papers = samplePapers();
    const t = await folder(papers);
    try {
      t.annotations.update(GEOREF_LONG, star(['geometry']));
      t.notes.write(GEOREF_LONG, 'Draft.', { title: 'GeoRef', tags: ['geometry'] });
      t.notes.write(GEOREF_LONG, 'Final.', { title: 'GeoRef', tags: ['geometry'] });
      const plan = planShortIds(t.corpus.all(), t.corpus.all().map((p) => p.id));
      await applyPaperMoves(t, plan);
      const ids = t.corpus.all().map((p) => p.id);
      expect(ids).toHaveLength(59);
      expect(ids.every((id) => id.length <= 24)).toBe(true);
      expect(t.corpus.get(GEOREF_LONG)).toBeUndefined();
      expect(t.corpus.get('t:georef-2025')?.title).toMatch(/^GeoRef:/);
      expect(t.annotations.get('t:georef-2025')).toMatchObject({ starred: true, tags: ['geometry'] });
      expect(t.annotations.get(GEOREF_LONG)).toBeUndefined();
      expect(t.notes.read('t:georef-2025')).toBe('Final.');
      expect(t.notes.versions('t:georef-2025').map((v) => v.text)).toEqual(['Final.', 'Draft.']);
      const reopened = PaperAliasStore.open(t.dataDir);
      expect(reopened.resolve(GEOREF_LONG)).toBe('t:georef-2025');
      expect(reopened.aliasesOf('t:georef-2025')).toEqual([GEOREF_LONG]);
      expect(reopened.all().size).toBe(plan.rekeys.length);
    } finally {
      await t.corpus.close();
    }
  });

  it('merges a title-only paper into the arXiv paper the library has, annotations joined, old id an alias', async () => {
    const papers = samplePapers();
    const arxivToolRl = parseArxivAtom(atomFeed([atomEntry(ARXIV_PAPERS.find((p) => p.id === '2504.13958') ?? ARXIV_PAPERS[0]!)])).papers[0];
    if (!arxivToolRl) throw new Error('the feed has the entry');
    const known: StoredPaper = { ...arxivToolRl, id: '2504.13958', sources: ['arxiv'], addedAt: '2026-01-01T00:00:00.000Z', modifiedAt: '2026-01-01T00:00:00.000Z' };
    const t = await folder([...papers, known]);
    try {
      t.annotations.update(TOOLRL, star(['tools']));
      t.annotations.update('2504.13958', (a) => ({ ...a, tags: ['rl'], status: 'to-read' }));
      const plan = planEnrichment({ papers: t.corpus.all(), entries: [arxivToolRl], get: (id) => t.corpus.get(id), now: '2026-07-16T00:00:00.000Z' });
      expect(plan.rekeys).toEqual([{ from: TOOLRL, to: '2504.13958' }]);
      await applyPaperMoves(t, plan);
      expect(t.corpus.all()).toHaveLength(59);
      expect(t.corpus.get(TOOLRL)).toBeUndefined();
      expect(t.corpus.get('2504.13958')).toMatchObject({ sources: ['arxiv', 'hf-page'], upvotes: 3, addedAt: known.addedAt });
      expect(t.annotations.get('2504.13958')).toMatchObject({ starred: true, status: 'to-read' });
      expect(t.annotations.get('2504.13958')?.tags.sort()).toEqual(['rl', 'tools']);
      expect(PaperAliasStore.open(t.dataDir).resolve(TOOLRL)).toBe('2504.13958');
    } finally {
      await t.corpus.close();
    }
  });
});
