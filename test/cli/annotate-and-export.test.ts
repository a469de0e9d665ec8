import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';
import { cli, cliProcess } from './run-cli.ts';

type Paper = { id: string; title: string; starred: boolean; tags: string[]; status: string | null; note: string | null };
type Page = { total: number; results: Paper[] };

async function libraryWithFixtures(): Promise<{ dir: string; ids: string[] }> {
  const dir = tempDir();
  await cli(dir, ['import', fixturePath('hf-daily-papers-2026-06-12.json')]);
  await cli(dir, ['import', fixturePath('arxiv-2508.07662.bib')]);
  const ids = (await cli(dir, ['list', '--json', '--sort', 'title'])).json<Page>().results.map((p) => p.id);
  return { dir, ids };
}

describe('annotations from the command line', () => {
  it('stars, tags, statuses and notes are on disk and visible to another process', async () => {
    const { dir, ids } = await libraryWithFixtures();
    const [a, b] = ids as [string, string];
    expect((await cli(dir, ['star', a])).code).toBe(0);
    expect((await cli(dir, ['tag', a, 'LLM', 'to-cite'])).code).toBe(0);
    expect((await cli(dir, ['tag', b, 'llm'])).code).toBe(0);
    expect((await cli(dir, ['status', b, 'reading'])).code).toBe(0);
    expect((await cli(dir, ['note', a, '--set', '# Idea\n\nUse $x^2$.'])).code).toBe(0);
    expect((await cli(dir, ['note', a, '--append', 'Second thought.'])).code).toBe(0);

    const other = cliProcess(dir, ['show', a, '--json']);
    expect(other.code).toBe(0);
    expect(other.json()).toMatchObject({ starred: true, tags: ['LLM', 'to-cite'], note: '# Idea\n\nUse $x^2$.\n\nSecond thought.' });
    expect(cliProcess(dir, ['note', a]).stdout).toBe('# Idea\n\nUse $x^2$.\n\nSecond thought.\n');

    // Tags match case-insensitively and keep the spelling first used.
    expect((await cli(dir, ['tags', '--json'])).json()).toEqual({ tags: [{ name: 'LLM', count: 2 }, { name: 'to-cite', count: 1 }] });
    expect((await cli(dir, ['list', '--tag', 'llm', '--json'])).json<Page>().total).toBe(2);
    expect((await cli(dir, ['list', '--starred', '--json'])).json<Page>().results.map((p) => p.id)).toEqual([a]);
    expect((await cli(dir, ['list', '--status', 'reading', '--json'])).json<Page>().results.map((p) => p.id)).toEqual([b]);

    expect((await cli(dir, ['search', 'tag:llm', '--json'])).json<Page>().total).toBe(2);
    expect((await cli(dir, ['search', 'note:thought', '--json'])).json<Page>().results.map((p) => p.id)).toEqual([a]);

    expect((await cli(dir, ['rename-tag', 'llm', 'Language models'])).code).toBe(0);
    expect((await cli(dir, ['show', b, '--json'])).json()).toMatchObject({ tags: ['Language models'] });
    expect((await cli(dir, ['untag', b, 'language MODELS'])).code).toBe(0);
    expect((await cli(dir, ['untag', b, 'never-there'])).code).toBe(2);
    expect((await cli(dir, ['unstar', a])).code).toBe(0);
    expect((await cli(dir, ['list', '--starred', '--json'])).json<Page>().total).toBe(0);
    expect((await cli(dir, ['status', b, 'none'])).code).toBe(0);
    expect((await cli(dir, ['show', b, '--json'])).json()).toMatchObject({ status: null, tags: [] });
  });

  it('the note file is readable Markdown with front matter', async () => {
    const { dir, ids } = await libraryWithFixtures();
    await cli(dir, ['tag', ids[0]!, 'survey']);
    await cli(dir, ['note', ids[0]!, '--set', 'Plain **markdown**.']);
    const text = readFileSync(join(dir, 'notes', (await import('node:fs')).readdirSync(join(dir, 'notes'))[0]!), 'utf8');
    expect(text).toMatch(/^---\n/);
    expect(text).toContain(ids[0]!);
    expect(text).toContain('survey');
    expect(text.trimEnd().endsWith('Plain **markdown**.')).toBe(true);
  });
});

describe('export', () => {
  it('BibTeX export parses back and carries arXiv fields with stable keys', async () => {
    const { dir } = await libraryWithFixtures();
    await cli(dir, ['star', '2508.07662']);
    const first = await cli(dir, ['export', '--format', 'bibtex', '--starred']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/eprint\s*=\s*\{2508\.07662\}/);
    expect(first.stdout).toMatch(/archivePrefix\s*=\s*\{arXiv\}/i);
    expect(first.stdout).toMatch(/primaryClass\s*=\s*\{cs\.LG\}/);
    const parsed = parseBibtex(first.stdout);
    expect(parsed.entries).toHaveLength(1);
    expect((await cli(dir, ['export', '--format', 'bibtex', '--starred'])).stdout).toBe(first.stdout);
  });

  it('CSL-JSON, Markdown and -o FILE', async () => {
    const { dir, ids } = await libraryWithFixtures();
    await cli(dir, ['tag', ids[0]!, 'keep']);
    await cli(dir, ['note', ids[0]!, '--set', 'Why it matters.']);
    const csl = JSON.parse((await cli(dir, ['export', '--format', 'csl-json', '--tag', 'keep'])).stdout) as Array<{ title: string }>;
    expect(csl).toHaveLength(1);
    const out = join(dir, 'list.md');
    expect((await cli(dir, ['export', '--format', 'markdown', '--tag', 'keep', '-o', out])).code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain(csl[0]!.title);
    expect(md).toContain('Why it matters.');
  });

  it('the JSON backup round-trips exactly into an empty library', async () => {
    const { dir, ids } = await libraryWithFixtures();
    await cli(dir, ['star', ids[1]!]);
    await cli(dir, ['tag', ids[1]!, 'Robots']);
    await cli(dir, ['status', ids[2]!, 'read']);
    await cli(dir, ['note', ids[3]!, '--set', 'note text']);
    const backup = join(dir, 'backup.json');
    await cli(dir, ['export', '--format', 'json', '-o', backup]);
    const fresh = tempDir();
    expect((await cli(fresh, ['import', backup, '--json'])).json()).toMatchObject({ added: ids.length, skipped: 0 });
    const listing = async (d: string) => (await cli(d, ['list', '--json', '--sort', 'title'])).json<Page>();
    expect(await listing(fresh)).toEqual(await listing(dir));
    const again = join(fresh, 'again.json');
    await cli(fresh, ['export', '--format', 'json', '-o', again]);
    const strip = (text: string) => ({ ...JSON.parse(text), exportedAt: null });
    expect(strip(readFileSync(again, 'utf8'))).toEqual(strip(readFileSync(backup, 'utf8')));
  });
});
