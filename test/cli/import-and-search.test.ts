import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';
import { cli } from './run-cli.ts';

type Paper = { id: string; title: string; abstract: string; authorCount: number | null; published: string | null; upvotes: number | null; sources: string[] };
type Page = { total: number; results: Array<Paper & { score?: number; matches?: Array<{ field: string; term: string; positions: Array<[number, number]> }> }> };

const ALL_FIXTURES = ['hf-papers-page.txt', 'hf-daily-papers-2026-06-12.json', 'hf-daily-papers-2026-07-15.json', 'arxiv-query-testing.xml', 'arxiv-query-transformer-cs.LG.xml', 'arxiv-2508.07662.bib'];

describe('papershelf import / list / search / show', () => {
  it('imports all 59 papers of a copied Hugging Face listing page', async () => {
    const dir = tempDir();
    const run = await cli(dir, ['import', fixturePath('hf-papers-page.txt'), '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ added: 59, updated: 0, unchanged: 0, skipped: 0 });
    const list = (await cli(dir, ['list', '--json'])).json<Page>();
    expect(list.total).toBe(59);
    const georef = list.results.find((p) => p.title.startsWith('GeoRef'));
    expect(georef).toMatchObject({ authorCount: 9, published: '2025-09-25', sources: ['hf-page'] });
  });

  it('re-importing updates instead of duplicating', async () => {
    const dir = tempDir();
    await cli(dir, ['import', fixturePath('hf-daily-papers-2026-06-12.json')]);
    const again = (await cli(dir, ['import', fixturePath('hf-daily-papers-2026-06-12.json'), '--json'])).json();
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 30 });
    expect((await cli(dir, ['list', '--json'])).json<Page>().total).toBe(30);
  });

  it('imports every fixture format and searches across them with AND semantics', async () => {
    const dir = tempDir();
    for (const name of ALL_FIXTURES) expect((await cli(dir, ['import', fixturePath(name)])).code, name).toBe(0);
    const both = (await cli(dir, ['search', 'reinforcement learning', '--json', '--limit', '100'])).json<Page>();
    expect(both.total).toBeGreaterThan(0);
    for (const hit of both.results) {
      const text = `${hit.title} ${hit.abstract}`.toLowerCase();
      expect(text).toMatch(/reinforc/);
      expect(text).toMatch(/learn/);
    }
    const first = both.results[0]!;
    expect(first.score).toBeGreaterThan(0);
    const match = first.matches!.find((m) => m.field === 'title' || m.field === 'abstract')!;
    const fieldText = match.field === 'title' ? first.title : first.abstract;
    const [start, length] = match.positions[0]!;
    expect(fieldText.slice(start, start + length).toLowerCase()).toMatch(/^reinforc|^learn/);
  });

  it('shows one paper by arXiv id, in the forms people paste', async () => {
    const dir = tempDir();
    await cli(dir, ['import', fixturePath('arxiv-2508.07662.bib')]);
    for (const id of ['2508.07662', '2508.07662v1', 'arXiv:2508.07662', 'https://arxiv.org/abs/2508.07662']) {
      const run = await cli(dir, ['show', id, '--json']);
      expect(run.code, id).toBe(0);
      expect(run.json()).toMatchObject({ id: '2508.07662', arxivId: '2508.07662', title: 'GLiClass: Generalist Lightweight Model for Sequence Classification Tasks' });
    }
    const keys = Object.keys((await cli(dir, ['show', '2508.07662', '--json'])).json());
    expect(keys).toEqual(['id', 'arxivId', 'title', 'abstract', 'authors', 'authorCount', 'organization', 'published', 'upvotes', 'url', 'pdfUrl', 'sources', 'starred', 'tags', 'status', 'note']);
  });

  it('a paper first seen on a listing page keeps its star and note when arXiv supplies its id', async () => {
    const dir = tempDir();
    const page = 'Daily Papers\n\nDec 11\n\nGLiClass: Generalist Lightweight Model for Sequence Classification Tasks\n\nA small abstract about sequence classification.\n\n  • 6 authors\n·\nAug 12 5\n';
    writeFileSync(join(dir, 'page.txt'), page);
    expect((await cli(dir, ['import', join(dir, 'page.txt'), '--json'])).json()).toMatchObject({ added: 1 });
    const titleId = (await cli(dir, ['list', '--json'])).json<Page>().results[0]!.id;
    expect(titleId.startsWith('t:')).toBe(true);
    await cli(dir, ['star', titleId]);
    await cli(dir, ['note', titleId, '--set', 'Compare with **GLiNER**.']);
    expect((await cli(dir, ['import', fixturePath('arxiv-2508.07662.bib'), '--json'])).json()).toMatchObject({ added: 0, updated: 1 });
    const shown = (await cli(dir, ['show', '2508.07662', '--json'])).json();
    expect(shown).toMatchObject({ id: '2508.07662', starred: true, note: 'Compare with **GLiNER**.', upvotes: 5 });
    // The id the paper had before it gained its arXiv id still finds it.
    expect((await cli(dir, ['show', titleId, '--json'])).json()).toMatchObject({ id: '2508.07662', aliases: [titleId] });
    expect(readdirSync(join(dir, 'notes'))).toHaveLength(1);
  });
});

describe('bad input', () => {
  it('an unknown id is exit code 2 with one clear line', async () => {
    const run = await cli(tempDir(), ['show', '9999.99999']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/no paper with id "9999.99999"/);
  });

  it('an invalid query is exit code 2 with a readable message, not a stack trace', async () => {
    const dir = tempDir();
    await cli(dir, ['import', fixturePath('arxiv-query-testing.xml')]);
    for (const query of ['title:', 'foo~', 'year:2020']) {
      const run = await cli(dir, ['search', query]);
      expect(run.code, query).toBe(2);
      expect(run.stderr, query).not.toMatch(/\n\s+at /);
      expect(run.stderr.trim().split('\n'), query).toHaveLength(1);
    }
  });

  it('a malformed file is rejected whole, with exit code 2, and changes nothing', async () => {
    const dir = tempDir();
    await cli(dir, ['import', fixturePath('arxiv-query-testing.xml')]);
    const before = (await cli(dir, ['stats', '--json'])).json();
    const xml = (await import('node:fs')).readFileSync(fixturePath('arxiv-query-transformer-cs.LG.xml'), 'utf8');
    writeFileSync(join(dir, 'cut.xml'), xml.slice(0, Math.floor(xml.length / 2)));
    const run = await cli(dir, ['import', join(dir, 'cut.xml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/arxiv-atom.*line \d+/);
    expect((await cli(dir, ['stats', '--json'])).json()).toEqual(before);
  });

  it('a missing file and a bad flag value are exit code 2', async () => {
    const dir = tempDir();
    expect((await cli(dir, ['import', join(dir, 'nope.bib')])).stderr).toMatch(/cannot read .*nope\.bib: no such file/);
    expect((await cli(dir, ['list', '--limit', 'ten'])).code).toBe(2);
    expect((await cli(dir, ['import', '-', '--as-of', '2025-13-40'], 'x')).code).toBe(2);
    expect((await cli(dir, ['status', 'x', 'finished'])).code).toBe(2);
  });

  it('imports from standard input with -', async () => {
    const dir = tempDir();
    const bib = (await import('node:fs')).readFileSync(fixturePath('arxiv-2508.07662.bib'), 'utf8');
    expect((await cli(dir, ['import', '-', '--json'], bib)).json()).toMatchObject({ added: 1 });
  });
});
