import { describe, expect, it } from 'vitest';
import { parseHfPage } from '../../src/importers/hf-page.ts';
import { readFixture } from '../helpers/fixtures.ts';
import { GARBAGE_BYTES, randomText } from './garbage.ts';
import { rejectionOf } from './rejection.ts';

const page = readFixture('hf-papers-page.txt');
const lines = page.split('\n');
const TODAY = { today: '2026-11-26' };

function byTitle(result: ReturnType<typeof parseHfPage>, start: string) {
  const found = result.papers.filter((p) => p.title.startsWith(start));
  expect(found).toHaveLength(1);
  return found[0]!;
}

const rejection = (text: string, options = TODAY) => rejectionOf(() => parseHfPage(text, options));

describe('hf-page on the recorded listing', () => {
  const result = parseHfPage(page, TODAY);

  it('imports all 59 papers, each with a title and an abstract', () => {
    expect(result.papers).toHaveLength(59);
    expect(new Set(result.papers.map((p) => p.title)).size).toBe(59);
    for (const paper of result.papers) {
      expect(paper.abstract.length).toBeGreaterThan(1000);
      expect(paper.title).not.toMatch(/\s{2}|^\s|\s$/);
    }
    expect(result.skipped).toBe(0);
  });

  it('reads author counts, organizations and the papers without those lines', () => {
    expect(result.papers.filter((p) => p.authorCount !== null)).toHaveLength(54);
    expect(result.papers.filter((p) => p.organization !== null).map((p) => p.organization)).toEqual(['Skywork', 'PEARLS Lab']);
    const bare = result.papers.filter((p) => p.authorCount === null && p.organization === null);
    expect(bare.map((p) => p.title.slice(0, 30))).toEqual([
      'A Vision-Language-Action-Criti',
      'RewardDance: Reward Scaling in',
      'A Survey on Post-training of L',
    ]);
    for (const paper of bare) expect([paper.published, paper.upvotes]).toEqual([null, null]);
  });

  it('spot-checks whole papers', () => {
    const geo = byTitle(result, 'GeoRef: Referring Expressions');
    expect(geo).toMatchObject({ authorCount: 9, published: '2025-09-25', upvotes: null, organization: null, arxivId: null });
    expect(geo.abstract.startsWith('AI-driven geometric problem solving is a complex')).toBe(true);
    expect(geo.abstract.endsWith('foundation for multimodal mathematical understanding.')).toBe(true);
    expect(byTitle(result, 'DexTrack')).toMatchObject({ authorCount: 5, published: '2025-02-13', upvotes: 2 });
    expect(byTitle(result, 'RL for Consistency Models')).toMatchObject({ published: '2024-03-25', upvotes: 3 });
    expect(byTitle(result, 'Skywork UniPic')).toMatchObject({ organization: 'Skywork', authorCount: null, published: '2025-08-05', upvotes: 2 });
    expect(byTitle(result, "A Practitioner's Guide")).toMatchObject({ organization: 'PEARLS Lab', published: '2025-10-01', upvotes: 2 });
    expect(byTitle(result, 'Unsupervised Perceptual Rewards')).toMatchObject({ published: '2016-12-20', upvotes: null, authorCount: 3 });
    expect(byTitle(result, 'Secrets of RLHF')).toMatchObject({ published: '2024-01-11', upvotes: 4, authorCount: 27 });
    expect(byTitle(result, 'From <Answer> to <Think>')).toMatchObject({ published: '2025-10-13', authorCount: 8 });
    expect(result.papers.at(-1)).toMatchObject({ title: 'Vision-Language Models are Zero-Shot Reward Models for Reinforcement Learning', published: '2023-10-19', upvotes: 1 });
  });

  it('resolves year-less dates to 2025, the page year, and says it guessed', () => {
    const published = result.papers.map((p) => p.published).filter((d): d is string => d !== null);
    expect(published).toHaveLength(56);
    for (const day of published) {
      expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(day <= '2025-12-11').toBe(true);
    }
    expect(byTitle(result, 'The Image as Its Own Reward').published).toBe('2025-11-25');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/"Dec 11" was read as 2025-12-11.*latest year it names \(2024\)/);
  });

  it('gives the same dates whenever the saved page is imported', () => {
    for (const today of ['2025-12-11', '2027-01-02', '2031-06-30']) {
      expect(parseHfPage(page, { today }).papers).toEqual(result.papers);
    }
  });

  it('takes the as-of date over the page date, without a warning', () => {
    const asOf = parseHfPage(page, { asOf: '2026-06-30', ...TODAY });
    expect(asOf.warnings).toEqual([]);
    expect(byTitle(asOf, 'GeoRef').published).toBe('2025-09-25');
    expect(byTitle(asOf, 'DexTrack').published).toBe('2026-02-13');
    expect(byTitle(asOf, 'RL for Consistency Models').published).toBe('2024-03-25');
    expect(() => parseHfPage(page, { asOf: '2026-02-30' })).toThrow(/as-of date must be a date written YYYY-MM-DD/);
  });

  it('trusts a page date that shows its year', () => {
    const dated = parseHfPage(page.replace('\nDec 11\n', '\nDec 11, 2026\n'), TODAY);
    expect(dated.warnings).toEqual([]);
    expect(byTitle(dated, 'DexTrack').published).toBe('2026-02-13');
  });

  it('falls back on today when the page names no year at all', () => {
    const yearless = page.replace(/^([A-Z][a-z]{2} \d{1,2}), \d{4}( \d+)?$/gm, '$1$2');
    const read = parseHfPage(yearless, { today: '2026-03-01' });
    expect(read.warnings[0]).toMatch(/read as 2025-12-11, the most recent Dec 11 before today/);
    expect(byTitle(read, 'DexTrack').published).toBe('2025-02-13');
    expect(byTitle(read, 'RL for Consistency Models').published).toBe('2025-03-25');
  });

  it('reads a page without its date line against today', () => {
    const undated = parseHfPage(page.replace('\nDec 11\n', '\n'), { today: '2025-12-11' });
    expect(undated.papers).toHaveLength(59);
    expect(undated.warnings[0]).toMatch(/no date of its own.*2025-12-11/);
    expect(undated.papers.map((p) => p.published)).toEqual(result.papers.map((p) => p.published));
  });

  it('reads a paper whose authors line is missing but whose date is there', () => {
    expect(lines[24]).toBe('  • 5 authors');
    const read = parseHfPage([...lines.slice(0, 24), ...lines.slice(25)].join('\n'), TODAY);
    expect(read.papers).toHaveLength(59);
    const dexTrack = byTitle(read, 'DexTrack');
    expect(dexTrack).toMatchObject({ authorCount: null, organization: null, published: '2025-02-13', upvotes: 2 });
    expect(dexTrack.abstract).toBe(byTitle(result, 'DexTrack').abstract);
  });

  it('reads Windows line endings the same way', () => {
    expect(parseHfPage(page.replace(/\n/g, '\r\n'), TODAY).papers).toEqual(result.papers);
  });
});

describe('hf-page on broken text', () => {
  it('rejects the page cut in the middle, naming the line', () => {
    const error = rejection(page.slice(0, Math.floor(page.length / 2)));
    expect(error.message).toMatch(/^hf-page: line 247: the text ends inside the abstract of the last paper \("A Survey on Post-training.*cut off/);
  });

  it('rejects a cut after the title, after "·", or inside an authors line', () => {
    expect(rejection(lines.slice(0, 29).join('\n')).message).toMatch(/line 29: the text ends after the title of the last paper \("RL for Consistency/);
    expect(rejection(lines.slice(0, 34).join('\n')).message).toMatch(/line 34: the text ends after "·"/);
    expect(rejection(`${lines.slice(0, 32).join('\n')}\n  • 5 aut`).message).toMatch(/line 33: expected "• N authors"/);
  });

  it('accepts a last paper without author lines when its abstract is complete', () => {
    const text = lines.slice(0, 152).join('\n');
    const read = parseHfPage(text, TODAY);
    expect(read.papers.at(-1)!.title).toBe('A Vision-Language-Action-Critic Model for Robotic Real-World Reinforcement Learning');
  });

  it('rejects a paper whose title line is missing, at the abstract taken for a title', () => {
    const withoutTitle = [...lines.slice(0, 28), ...lines.slice(29)].join('\n');
    expect(rejection(withoutTitle).message).toMatch(/^hf-page: line 30: expected a paper title, found 1606 characters/);
  });

  it('rejects stray structure lines with their line numbers', () => {
    const badDate = [...lines.slice(0, 26), 'Feb 30 2', ...lines.slice(27)].join('\n');
    expect(rejection(badDate).message).toMatch(/^hf-page: line 27: "Feb 30 2" is not a real date/);
    const noDate = [...lines.slice(0, 26), 'soon', ...lines.slice(27)].join('\n');
    expect(rejection(noDate).message).toMatch(/line 27: expected a date after "·"/);
  });

  it('refuses text that is no listing, even 50 MB of it', () => {
    expect(rejection('Just some notes\n\nabout papers I like.\n').message).toMatch(/^hf-page: no paper listing found/);
    expect(rejection(randomText(GARBAGE_BYTES, 7)).message).toMatch(/^hf-page: no paper listing found/);
  });
});
