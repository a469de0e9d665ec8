import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, REPO_ROOT, tempDir } from '../helpers/fixtures.ts';
import { cli, cliProcess } from './run-cli.ts';

async function imported(): Promise<{ dir: string; ids: string[] }> {
  const dir = tempDir();
  expect(cliProcess(dir, ['import', fixturePath('arxiv-query-testing.xml')]).code).toBe(0);
  const ids = cliProcess(dir, ['list', '--json']).json<{ results: Array<{ id: string }> }>().results.map((p) => p.id);
  return { dir, ids };
}

describe('the bundled papershelf command', () => {
  it('prints the package version', () => {
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const run = cliProcess(tempDir(), ['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });

  it('searches for a query that starts with "-" after --, as words or quoted', async () => {
    const { dir } = await imported();
    const all = cliProcess(dir, ['search', 'testing', '--json']).json<{ total: number }>().total;
    const survey = cliProcess(dir, ['search', 'survey', 'testing', '--json']).json<{ total: number }>().total;
    expect(survey).toBeGreaterThan(0);
    const words = cliProcess(dir, ['search', '--', '-survey', 'testing']);
    expect(words.code, words.stderr).toBe(0);
    expect(words.stdout).toContain(`${all - survey} of ${all - survey} matches`);
    const quoted = cliProcess(dir, ['search', '--', '-survey testing']);
    expect(quoted.code, quoted.stderr).toBe(0);
    expect(quoted.stdout).toBe(words.stdout);
    const bare = cliProcess(dir, ['search', '-survey', 'testing']);
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.stdout).toBe(words.stdout);
  });

  it('searches for one argument that starts with "-" without --, and --limit still applies', async () => {
    const { dir } = await imported();
    const excluded = cliProcess(dir, ['search', '--json', '--', '-survey', 'testing']).json<{ total: number }>().total;
    expect(excluded).toBeGreaterThan(1);
    const quoted = cliProcess(dir, ['search', '-survey testing']);
    expect(quoted.code, quoted.stderr).toBe(0);
    expect(quoted.stdout).toContain(`${Math.min(excluded, 20)} of ${excluded} matches`);
    const limited = cliProcess(dir, ['search', '-survey testing', '--limit', '1']);
    expect(limited.code, limited.stderr).toBe(0);
    expect(limited.stdout).toContain(`1 of ${excluded} matches`);
    const limitFirst = cliProcess(dir, ['search', '--limit', '1', '-survey testing', '--json']);
    expect(limitFirst.json<{ total: number; results: unknown[] }>()).toMatchObject({ total: excluded, results: [expect.anything()] });
    const mistyped = cliProcess(dir, ['search', '-survey testing', '--limt', '1']);
    expect(mistyped.code).toBe(2);
    expect(mistyped.stderr).toBe("error: unknown option '--limt' (see papershelf search --help)\n");
  });

  it('reaches similarPapers and deleteTag: `similar ID` and `delete-tag TAG`', async () => {
    const { dir, ids } = await imported();
    const similar = cliProcess(dir, ['similar', ids[0]!, '--limit', '3', '--json']);
    expect(similar.code, similar.stderr).toBe(0);
    const results = similar.json<{ results: Array<{ id: string }> }>().results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.map((r) => r.id)).not.toContain(ids[0]);
    expect(cliProcess(dir, ['tag', ids[0]!, 'later']).code).toBe(0);
    expect(cliProcess(dir, ['tag', ids[1]!, 'later']).code).toBe(0);
    const deleted = cliProcess(dir, ['delete-tag', 'later']);
    expect(deleted.stdout).toBe('deleted "later" from 2 papers\n');
    expect(cliProcess(dir, ['tags', '--json']).json()).toEqual({ tags: [] });
  });

  it('export -o into a missing folder: exit 2, "cannot write …: folder does not exist"', async () => {
    const { dir } = await imported();
    const run = cliProcess(dir, ['export', '--format', 'bibtex', '-o', 'missing/dir/file.bib'], { cwd: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('papershelf: cannot write missing/dir/file.bib: folder does not exist\n');
  });

  it('--data-dir naming a file: exit 2 with one clear line', async () => {
    const file = join(tempDir(), 'library.txt');
    writeFileSync(file, 'not a folder');
    const run = cliProcess(file, ['stats']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`papershelf: cannot use ${file} as the data folder: it is a file\n`);
    const inProcess = await cli(join(file, 'below'), ['stats']);
    expect(inProcess.code).toBe(2);
    expect(inProcess.stderr).toContain('part of its path is a file');
  });
});
