import { describe, expect, it } from 'vitest';
import { assignShortIds, IdPrefixIndex, shortIdCandidates, SHORT_ID_MAX_LENGTH, titleBase, type ShortIdPaper } from '../../../src/library/short-ids.ts';
import { samplePapers } from './sample-arxiv.ts';

const sample = (): ShortIdPaper[] => samplePapers().map(({ id, title, published }) => ({ id, title, published }));

/** A seeded shuffle, so a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('short ids of the sample page', () => {
  it('are unique, at most 24 characters, typeable, and read like the title', () => {
    const papers = sample();
    const ids = assignShortIds(papers);
    expect(ids.size).toBe(59);
    expect(new Set(ids.values()).size).toBe(59);
    for (const id of ids.values()) {
      expect(id.length).toBeLessThanOrEqual(SHORT_ID_MAX_LENGTH);
      expect(id).toMatch(/^t:[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
    const byTitle = (start: string) => ids.get(papers.find((p) => p.title.startsWith(start))?.id ?? '');
    expect(byTitle('GeoRef')).toBe('t:georef-2025');
    expect(byTitle('ToolRL')).toBe('t:toolrl-2025');
    expect(byTitle('RL for Consistency')).toBe('t:rl-consistency-2024');
    expect(byTitle('Reasoning-SQL')).toBe('t:reasoning-sql-2025');
    expect(byTitle("A Practitioner's Guide")).toBe('t:practitioners-2025');
    // No date on the page: a few characters of the title's hash instead of the year.
    expect(byTitle('A Survey on Post-training')).toMatch(/^t:survey-[a-z0-9]{3}$/);
    // Every id is shorter than the title key it replaces.
    for (const paper of papers) expect((ids.get(paper.id) ?? '').length).toBeLessThan(paper.id.length);
  });

  it('are the same on every run and in any order the papers come', () => {
    const papers = sample();
    const first = assignShortIds(papers);
    for (const seed of [1, 2, 3, 42]) expect(assignShortIds(shuffled(papers, seed))).toEqual(first);
  });
});

describe('assignShortIds', () => {
  const paper = (title: string, published: string | null = '2025-01-02'): ShortIdPaper => ({ id: `t:${title.toLowerCase().replace(/\W+/g, '-')}`, title, published });

  it('gives two papers that want one id neither: both take a hash, in any order', () => {
    const a = paper('Reasoning about Graphs');
    const b = paper('Reasoning about Trees');
    const ids = assignShortIds([a, b]);
    expect(ids.get(a.id)).toMatch(/^t:reasoning-[a-z0-9]{3}$/);
    expect(ids.get(b.id)).toMatch(/^t:reasoning-[a-z0-9]{3}$/);
    expect(ids.get(a.id)).not.toBe(ids.get(b.id));
    expect(assignShortIds([b, a])).toEqual(ids);
  });

  it('never hands out an id that is taken, and leaves existing ids alone', () => {
    const c = paper('Reasoning about Cats');
    const ids = assignShortIds([c], ['t:reasoning-2025']);
    expect(ids.get(c.id)).toBe(shortIdCandidates(c)[1]);
    expect(ids.get(c.id)).not.toBe('t:reasoning-2025');
  });

  it('stays within 24 characters for long words and falls back to numbers when every candidate is taken', () => {
    const long = paper('Supercalifragilisticexpialidocious Transformers');
    const candidates = shortIdCandidates(long);
    expect(candidates[0]).toBe('t:supercalifragilis-2025');
    for (const id of candidates) expect(id.length).toBeLessThanOrEqual(SHORT_ID_MAX_LENGTH);
    const ids = assignShortIds([long], candidates);
    expect(ids.get(long.id)).toMatch(/-2$/);
    expect(ids.get(long.id)?.length).toBeLessThanOrEqual(SHORT_ID_MAX_LENGTH);
  });

  it('makes a readable base from titles of any script or punctuation', () => {
    expect(titleBase('T-REG: Preference Optimization')).toBe('t-reg');
    expect(titleBase('A Survey')).toBe('survey');
    expect(titleBase('The')).toBe('the');
    expect(titleBase('Gödel’s Théorème')).toBe('godels');
    expect(titleBase('深度学习')).toBe('paper');
    expect(titleBase('Vision-Language-Action-Critic Models', 16)).toBe('vision-language');
  });
});

describe('IdPrefixIndex', () => {
  const ids = ['t:toolrl-2025', 't:tool-augmented-2023', '2606.13106', '2606.13107', '2606.20001', 't:georef-2025'];

  it('finds the one id an unambiguous prefix starts', () => {
    const index = new IdPrefixIndex(ids);
    expect(index.match('t:toolrl')).toEqual({ kind: 'unique', id: 't:toolrl-2025' });
    expect(index.match('T:ToolRL')).toEqual({ kind: 'unique', id: 't:toolrl-2025' });
    expect(index.match('2606.2')).toEqual({ kind: 'unique', id: '2606.20001' });
    expect(index.match('t:georef-2025')).toEqual({ kind: 'exact', id: 't:georef-2025' });
    expect(index.match('t:nothing')).toEqual({ kind: 'none' });
    expect(index.match('  ')).toEqual({ kind: 'none' });
  });

  it('lists the candidates of an ambiguous prefix, sorted and capped', () => {
    const index = new IdPrefixIndex(ids);
    expect(index.match('2606.131')).toEqual({ kind: 'ambiguous', candidates: ['2606.13106', '2606.13107'], total: 2 });
    expect(index.match('t:tool')).toEqual({ kind: 'ambiguous', candidates: ['t:tool-augmented-2023', 't:toolrl-2025'], total: 2 });
    expect(index.match('t:', 2)).toMatchObject({ kind: 'ambiguous', total: 3, candidates: ['t:georef-2025', 't:tool-augmented-2023'] });
  });

  it('counts an old id and the paper it moved to as one', () => {
    const moved = new Map([['t:toolrl-reward-is-all-tool-learning-needs', 't:toolrl-2025']]);
    const index = new IdPrefixIndex([...ids, ...moved.keys()], (id) => moved.get(id) ?? id);
    expect(index.match('t:toolrl')).toEqual({ kind: 'unique', id: 't:toolrl-2025' });
    expect(index.match('t:toolrl-reward-is-all-tool-learning-needs')).toEqual({ kind: 'exact', id: 't:toolrl-2025' });
  });
});
