import { describe, expect, it } from 'vitest';
import { hfJsonImporter, parseHfDailyItems } from '../../src/importers/hf-json.ts';
import { readFixture } from '../helpers/fixtures.ts';
import { GARBAGE_BYTES, randomText } from './garbage.ts';
import { rejectionOf } from './rejection.ts';

const june = readFixture('hf-daily-papers-2026-06-12.json');
const july = readFixture('hf-daily-papers-2026-07-15.json');
const juneItems = JSON.parse(june) as Array<{ paper: Record<string, unknown> & { id: string } }>;

const parse = (text: string) => hfJsonImporter.parse(text, {});
const find = (result: ReturnType<typeof parse>, id: string) => result.papers.find((p) => p.arxivId === id)!;

/** arXiv's own layout: lines wrapped near 72 columns, a new paragraph indented by two spaces. */
function hardWrap(text: string): string {
  return text
    .split('\n\n')
    .map((paragraph) => {
      const out: string[] = [];
      let line = '';
      for (const word of paragraph.split(' ')) {
        if (line && line.length + word.length > 72) {
          out.push(line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      return [...out, line].join('\n');
    })
    .join('\n  ');
}

describe('hf-json on recorded Daily Papers responses', () => {
  const result = parse(june);

  it('imports every item of the current schema', () => {
    expect(result.papers).toHaveLength(30);
    expect(result.papers.map((p) => p.arxivId)).toEqual(juneItems.map((i) => i.paper.id));
    expect(result.warnings).toEqual([]);
  });

  it('fills the fields the API knows', () => {
    const paper = find(result, '2606.00467');
    expect(paper).toMatchObject({
      title: 'On the Limits of LLM Adaptability: Impact of Model-Internalized Priors on Annotation Task Performance',
      authors: ['Etienne Casanova', 'Rafal Kocielnik', 'R. Michael Alvarez'],
      authorCount: 3,
      published: '2026-05-30',
      upvotes: 0,
      comments: 2,
      organization: 'California institute of technology',
      githubRepo: null,
      projectPage: null,
      url: 'https://arxiv.org/abs/2606.00467',
      pdfUrl: 'https://arxiv.org/pdf/2606.00467',
    });
    expect(paper.keywords).toHaveLength(14);
    expect(paper.keywords[0]).toBe('zero-shot annotation');
    expect(find(result, '2606.10423')).toMatchObject({
      githubRepo: 'https://github.com/jayoohwang1/webchallenger',
      projectPage: 'https://jayoohwang1.github.io/webchallenger-site/',
    });
    expect(find(result, '2606.13681')).toMatchObject({ upvotes: 118, organization: 'Massachusetts Institute of Technology' });
  });

  it('keeps hidden authors by name', () => {
    const paper = find(result, '2606.12575');
    expect(paper.authorCount).toBe(10);
    expect(paper.authors).toContain('Dengyang Jiang');
  });

  it("turns arXiv's indented line breaks into paragraphs", () => {
    const paragraphs = find(result, '2606.09446').abstract.split('\n\n');
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[1]!.startsWith('Our contributions are twofold.')).toBe(true);
    expect(paragraphs[2]).toBe('Data and code are publicly available at: https://malamatenia.github.io/morphology4metrology-analysis.');
  });

  it('reads the re-indented response', () => {
    const read = parse(july);
    expect(read.papers.map((p) => p.arxivId)).toEqual(['2607.11886', '2607.11111']);
    expect(read.papers[0]).toMatchObject({ upvotes: 24, comments: 2, organization: 'ByteDance Seed', });
    expect(read.papers[0]!.projectPage).toBe('https://huangrh99.github.io/SpectraReward/');
    expect(read.papers[1]!.authorCount).toBe(11);
  });

  it('reads the 2024 schema with hard line breaks to the same title and abstract', () => {
    const source = juneItems.find((i) => i.paper.id === '2606.09446')!.paper;
    const current = find(result, '2606.09446');
    const old = [{
      paper: {
        id: source.id,
        authors: source.authors,
        publishedAt: source.publishedAt,
        title: hardWrap(current.title.replace('Historical Script', 'Historical\nScript')),
        summary: hardWrap(current.abstract),
        upvotes: source.upvotes,
      },
    }];
    expect(JSON.stringify(old)).toContain('\\n  Our contributions');
    const read = parseHfDailyItems(old);
    expect(read.papers).toHaveLength(1);
    expect(read.papers[0]).toEqual({ ...current, comments: null, keywords: [], organization: null, githubRepo: null, projectPage: null });
  });

  it('accepts a single item and an empty response', () => {
    expect(parseHfDailyItems(juneItems[3]).papers[0]!.arxivId).toBe(juneItems[3]!.paper.id);
    expect(parse('[]').papers).toEqual([]);
  });
});

describe('hf-json on broken responses', () => {
  it('skips an item without a title, with a warning naming it', () => {
    const items = structuredClone(juneItems) as Array<Record<string, unknown> & { paper: Record<string, unknown> }>;
    delete items[1]!.paper['title'];
    delete items[1]!['title'];
    items[4]!.paper['title'] = '  ';
    items[4]!['title'] = '';
    const read = parseHfDailyItems(items);
    expect(read.papers).toHaveLength(28);
    expect(read.skipped).toBe(2);
    expect(read.warnings).toEqual(['item 2: paper.title missing; skipped', 'item 5: paper.title missing; skipped']);
  });

  it('rejects the whole response at the first malformed item, naming it', () => {
    const items = structuredClone(juneItems) as Array<Record<string, unknown> & { paper: Record<string, unknown> }>;
    const loose = items as Array<Record<string, unknown>>;
    items[2]!.paper['upvotes'] = 'many';
    expect(rejectionOf(() => parseHfDailyItems(items)).message).toBe('hf-json: item 3: paper.upvotes: expected number, received string');
    delete items[2]!.paper['upvotes'];
    delete loose[6]!['paper'];
    expect(rejectionOf(() => parseHfDailyItems(items)).message).toBe('hf-json: item 7: paper missing');
    expect(rejectionOf(() => parseHfDailyItems({ papers: [] })).message).toMatch(/^hf-json: expected a JSON array/);
  });

  it('rejects a truncated response with the line and column where it ends', () => {
    const cut = june.slice(0, Math.floor(june.length / 2));
    expect(rejectionOf(() => parse(cut)).message).toBe(`hf-json: line 1, column ${cut.length + 1}: the JSON ends too early (the file looks truncated)`);
    const cutIndented = july.slice(0, 5000);
    expect(rejectionOf(() => parse(cutIndented)).message).toMatch(/^hf-json: line \d+, column \d+: the JSON ends too early/);
  });

  it('rejects 50 MB of garbage at its first character', () => {
    const error = rejectionOf(() => parse(`[${randomText(GARBAGE_BYTES, 11)}`));
    expect(error.message).toMatch(/^hf-json: line 1, column 2: invalid JSON near /);
  });
});
