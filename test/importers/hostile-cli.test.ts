/*
 * Each hostile input through `papershelf import`: refused with one line and exit code 2 (or, for
 * a long non-ASCII word, imported), well within its budget. The figures are printed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, readFixture, tempDir } from '../helpers/fixtures.ts';
import { cli } from '../cli/run-cli.ts';

const BUDGET_MS = 5_000;

async function importTimed(label: string, name: string, content: string) {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, content);
  const started = performance.now();
  const run = await cli(dir, ['import', file]);
  const ms = performance.now() - started;
  console.log(`papershelf import ${label} (${content.length} characters): exit ${run.code} in ${ms.toFixed(0)} ms`);
  expect(ms).toBeLessThan(BUDGET_MS);
  return { dir, run };
}

describe('papershelf import of hostile files', () => {
  // The first import loads the command's modules; the timings are about the files.
  beforeAll(async () => {
    expect((await cli(tempDir(), ['import', fixturePath('arxiv-2508.07662.bib')])).code).toBe(0);
  });

  it('refuses chained @string doublings with one line, exit 2', async () => {
    const lines = ['@string{s0 = "xxxxxxxxxxxxxxxx"}'];
    for (let i = 1; i <= 22; i++) lines.push(`@string{s${i} = s${i - 1} # s${i - 1}}`);
    lines.push('@misc{k, title = s22}');
    const { run } = await importTimed('of a 576-byte @string bomb', 'bomb.bib', lines.join('\n'));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/bibtex: line 18: @string references nest more than 16 deep: the file is too complex to import/);
  });

  it('refuses a listing page ending in a long run of "http://" with one line, exit 2', async () => {
    const head = readFixture('hf-papers-page.txt').split('\n').slice(0, 27).join('\n');
    const { run } = await importTimed('of a listing ending in 300 KB of "http://"', 'page.txt', `${head}\nA last paper\n\n${'http://'.repeat(43_000)} cut\n`);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/hf-page: line \d+: the text ends inside the abstract of the last paper \("A last paper"\): it looks cut off/);
  });

  it('imports and finds a paper whose abstract has a 200,000-letter non-ASCII word', async () => {
    const items = JSON.parse(readFixture('hf-daily-papers-2026-07-15.json')) as Array<{ paper: { summary: string } }>;
    items[0]!.paper.summary = `Zyxwv a${'é'.repeat(200_000)}b end.`;
    const { dir, run } = await importTimed('of a paper with a 200,000-letter word', 'long-word.json', JSON.stringify(items));
    expect(run.code, run.stderr).toBe(0);
    const found = await cli(dir, ['search', 'zyxwv', '--json']);
    expect(found.json<{ total: number }>().total).toBe(1);
  });
});
