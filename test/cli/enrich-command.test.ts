/**
 * `papershelf enrich` and the ids that last, against a stand-in arXiv on 127.0.0.1: the sample
 * listing page resolved through the bundled CLI, old ids and id prefixes in show / star / note,
 * an ambiguous prefix refused with its candidates (exit 2), and an offline import queued until the
 * next online run. Runs that need no real spacing use the CLI in this process on a virtual clock.
 */
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { fetchJobsFor } from '../../src/library/fetch-jobs.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { closedPort } from '../helpers/replay-server.ts';
import { startTitleServer, type TitleServer } from '../library/enrich/arxiv-title-server.ts';
import { ARXIV_PAPERS, DECOY_ID, KNOWN } from '../library/enrich/sample-arxiv.ts';
import { TestClock } from '../sources/test-clock.ts';
import { CLI_BIN, cliProcess, type CliRun } from './run-cli.ts';

const SAMPLE = 'assets/samples/hf-papers-page.txt';

let server: TitleServer;
beforeEach(async () => {
  server = await startTitleServer(ARXIV_PAPERS);
});
afterEach(() => server.close());

function result(code: number, stdout: string, stderr: string): CliRun {
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

/** The CLI in this process, arXiv at `url`, on a virtual clock (no real three-second waits). */
async function cli(dataDir: string, args: string[], url = server.url): Promise<CliRun> {
  fetchJobsFor(dataDir).environment = { clock: new TestClock(), retry: { retries: 0 } };
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dataDir, ...args], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => new Uint8Array(),
    env: { ...process.env, PAPERSHELF_DATA_DIR: undefined, PAPERSHELF_ARXIV_URL: url },
  });
  return result(code, stdout, stderr);
}

/** The bundled command in a child process, without blocking this process (which serves arXiv). */
function cliChild(dataDir: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, '--data-dir', dataDir, ...args], {
      env: { ...process.env, PAPERSHELF_DATA_DIR: '', PAPERSHELF_ARXIV_URL: server.url },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve(result(code ?? 1, stdout, stderr)));
  });
}

interface Report {
  resolved: Array<{ from: string; to: string; title: string; arxivAbstract: string | null }>;
  unresolved: Array<{ id: string; title: string; reason: string }>;
  ambiguous: Array<{ id: string; candidates: string[] }>;
  requests: number;
  warnings: string[];
}

/** A library holding the sample page, not yet resolved. */
async function sampleLibrary(): Promise<string> {
  const dir = tempDir();
  expect((await cli(dir, ['enrich', '--auto', 'off'])).code).toBe(0);
  expect((await cli(dir, ['import', SAMPLE])).code).toBe(0);
  expect(server.requests).toHaveLength(0);
  return dir;
}

function idOf(dir: string, title: string): string {
  const run = cliProcess(dir, ['list', '--json']);
  const found = run.json<{ results: Array<{ id: string; title: string }> }>().results.find((paper) => paper.title === title);
  if (!found) throw new Error(`no paper titled ${title}`);
  return found.id;
}

describe('papershelf enrich', () => {
  it('resolves the papers the stand-in arXiv knows through the bundled CLI, with names and links, and refuses the decoy', async () => {
    const dir = await sampleLibrary();
    const started = performance.now();
    const run = await cliChild(dir, ['enrich', '--json']);
    const seconds = (performance.now() - started) / 1000;
    expect(run.code, run.stderr).toBe(0);
    const report = run.json<Report>();
    console.log(`enrich of the 59 sample papers: ${report.resolved.length} resolved in ${report.requests} requests, ${seconds.toFixed(1)} s`);
    expect(Object.keys(report)).toEqual(['resolved', 'unresolved', 'ambiguous', 'requests', 'warnings']);
    expect(Object.fromEntries(report.resolved.map((r) => [r.title, r.to]))).toEqual(KNOWN);
    expect(report.requests).toBe(server.requests.length);
    expect(report.requests).toBeLessThanOrEqual(8);
    expect(report.ambiguous.map((a) => a.candidates)).toEqual([['2502.21321', '2503.06072']]);
    expect(run.stderr).toMatch(/resolving 59 papers on arXiv: 1\/\d requests answered/);
    const shown = cliProcess(dir, ['show', '2303.17491', '--json']).json<{ authors: string[]; url: string; pdfUrl: string; title: string }>();
    expect(shown).toMatchObject({
      title: 'Language Models can Solve Computer Tasks',
      authors: ['Author1 Known', 'Author2 Known', 'Author3 Known'],
      url: 'https://arxiv.org/abs/2303.17491',
      pdfUrl: 'https://arxiv.org/pdf/2303.17491',
    });
    // The look-alike "Large Language Models can Solve Computer Tasks with Fewer Steps" never entered.
    expect(cliProcess(dir, ['show', DECOY_ID]).code).toBe(2);
    expect(cliProcess(dir, ['stats', '--json']).json<{ papers: number }>().papers).toBe(59);
  }, 90_000);

  it('keeps an old id working in show, star and note, and show --json lists it under aliases', async () => {
    const dir = await sampleLibrary();
    const old = idOf(dir, 'ToolRL: Reward is All Tool Learning Needs');
    expect(old).toMatch(/^t:toolrl-/);
    expect(old.length).toBeLessThanOrEqual(24);
    expect(cliProcess(dir, ['note', old, '--set', 'Before resolving.']).code).toBe(0);
    expect((await cli(dir, ['enrich', old])).stdout).toContain(`${old} -> 2504.13958`);
    const shown = cliProcess(dir, ['show', old, '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.json()).toMatchObject({ id: '2504.13958', aliases: [old], note: 'Before resolving.' });
    expect(cliProcess(dir, ['star', old]).code).toBe(0);
    expect(cliProcess(dir, ['note', old, '--append', 'After resolving.']).code).toBe(0);
    const history = cliProcess(dir, ['note', old, '--history', '--json']);
    expect(history.code, history.stderr).toBe(0);
    expect(cliProcess(dir, ['show', '2504.13958', '--json']).json()).toMatchObject({ starred: true, note: 'Before resolving.\n\nAfter resolving.' });
  });

  it('takes any unambiguous prefix of an id, and lists the candidates of an ambiguous one (exit 2)', async () => {
    const dir = await sampleLibrary();
    const star = cliProcess(dir, ['star', 't:toolrl']);
    expect(star.code, star.stderr).toBe(0);
    expect(cliProcess(dir, ['show', 't:toolrl', '--json']).json()).toMatchObject({ title: 'ToolRL: Reward is All Tool Learning Needs', starred: true });
    await cli(dir, ['enrich', 't:toolrl']);
    expect(cliProcess(dir, ['tag', '2504.139', 'agents']).code).toBe(0);
    expect(cliProcess(dir, ['show', '2504.139', '--json']).json()).toMatchObject({ id: '2504.13958', tags: ['agents'], starred: true });
    // Every command that takes an id takes a prefix.
    for (const args of [['status', 't:georef', 'reading'], ['untag', '2504.139', 'agents'], ['unstar', '2504.139'], ['similar', 't:georef', '--json']]) {
      const run = cliProcess(dir, args);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    }
    expect(cliProcess(dir, ['show', 't:georef', '--json']).json()).toMatchObject({ status: 'reading' });
    expect(cliProcess(dir, ['show', '2504.13958', '--json']).json()).toMatchObject({ tags: [], starred: false });
    const ambiguous = cliProcess(dir, ['star', 't:re']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/^papershelf: "t:re" could be any of \d+ papers: t:re[a-z0-9-]+, t:re[a-z0-9-]+/);
    expect(cliProcess(dir, ['show', 't:nothing-like-this']).code).toBe(2);
  });

  it('queues the papers of an import made offline and resolves them on the next online run', async () => {
    const dir = tempDir();
    const offline = `http://127.0.0.1:${await closedPort()}`;
    const first = await cli(dir, ['import', SAMPLE], offline);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('warning: arXiv could not be reached: 59 papers will be resolved on the next online run');
    expect(cliProcess(dir, ['list', '--json']).json<{ results: Array<{ arxivId: string | null }> }>().results.every((p) => p.arxivId === null)).toBe(true);
    const next = await cli(dir, ['import', SAMPLE, '--json']);
    expect(next.code).toBe(0);
    expect(next.json()).toMatchObject({ added: 0, enrichment: { asked: 59, resolved: 12, queued: 0 } });
    expect(cliProcess(dir, ['show', '2504.13958', '--json']).code).toBe(0);
  });
});
