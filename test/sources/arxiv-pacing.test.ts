import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/sources/clock.ts';
import { PacingFile } from '../../src/sources/pacing-file.ts';
import { REPO_ROOT, tempDir } from '../helpers/fixtures.ts';
import { startReplayServer, type ReplayServer } from '../helpers/replay-server.ts';
import { arxivEntries } from '../library/fetch-harness.ts';
import { TestClock } from './test-clock.ts';

const CHILD = join(REPO_ROOT, 'test/sources/arxiv-pacing-child.ts');
/** Production spaces arXiv requests 3 s apart; the test uses a tenth of that to stay quick. */
const INTERVAL_MS = 500;
const PAGES = 4;

let server: ReplayServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function runChild(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('close', resolve));
  if (child.pid === undefined) throw new Error('could not start a child process');
  return child.pid;
}

describe("arXiv's spacing across processes", () => {
  it('keeps two processes fetching at once an interval apart, not twice the rate', { timeout: 60_000 }, async () => {
    server = await startReplayServer({ arxivFeeds: { testing: arxivEntries(PAGES, '2026-07-14T12:00:00Z'), 'cs.LG': [] } });
    const dir = tempDir('papershelf-pacing-');
    // Both start at once, after the slower of the two has loaded.
    const goAt = String(Date.now() + 4000);
    const runs = await Promise.all(['all:testing AND one', 'all:testing AND two'].map((query) => runChild([server?.url ?? '', dir, String(INTERVAL_MS), String(PAGES), goAt, query])));
    for (const run of runs) expect(run, run.stderr).toMatchObject({ code: 0, stdout: `${PAGES}\n` });
    const times = server.requests.filter((request) => request.path === '/api/query').map((request) => ({ at: request.at, who: request.query.search_query ?? '' }));
    expect(times).toHaveLength(2 * PAGES);
    const gaps = times.slice(1).map((request, i) => request.at - (times[i]?.at ?? 0));
    console.log(`two processes, ${INTERVAL_MS} ms spacing: gaps between requests ${gaps.join(', ')} ms`);
    // Server-side times carry some jitter on a busy machine; requests sent together would be ~0 ms apart.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(INTERVAL_MS * 0.8);
    // The two really ran at the same time: their requests interleave.
    const order = times.map((request) => request.who);
    expect(order.slice(0, 2 * PAGES - 1).some((who, i) => who !== order[i + 1])).toBe(true);
    expect(new Set(order.slice(0, PAGES)).size).toBe(2);
    const last = Number(readFileSync(join(dir, '.arxiv-pacing'), 'utf8'));
    expect(last).toBeGreaterThan(times.at(-2)?.at ?? Number.POSITIVE_INFINITY);
    expect(existsSync(join(dir, '.arxiv-pacing.lock'))).toBe(false);
  });
});

describe('PacingFile', () => {
  it('gives the next slot to whichever process asks first, and makes the other wait the rest of the interval', async () => {
    const dir = tempDir('papershelf-pacing-');
    const clock = new TestClock();
    const window = new PacingFile(dir, clock);
    const cli = new PacingFile(dir, clock);
    expect((await window.claim(3000)).wait).toBe(0);
    clock.time += 1000;
    expect((await cli.claim(3000)).wait).toBe(2000);
    clock.time += 2000;
    expect((await cli.claim(3000)).wait).toBe(0);
    expect(readFileSync(join(dir, '.arxiv-pacing'), 'utf8')).toBe(String(clock.time));
  });

  it('gives back a slot whose request never left, unless another process has claimed one since', async () => {
    const dir = tempDir('papershelf-pacing-');
    const clock = new TestClock();
    const file = new PacingFile(dir, clock);
    const first = await file.claim(3000);
    clock.time += 3000;
    const second = await file.claim(3000);
    if (!second.claim || !first.claim) throw new Error('no slot claimed');
    await file.unclaim(second.claim);
    expect(readFileSync(join(dir, '.arxiv-pacing'), 'utf8')).toBe(String(first.claim.at));
    clock.time += 3000;
    const third = await file.claim(3000);
    clock.time += 3000;
    await new PacingFile(dir, clock).claim(3000);
    if (!third.claim) throw new Error('no slot claimed');
    await file.unclaim(third.claim);
    expect(readFileSync(join(dir, '.arxiv-pacing'), 'utf8')).toBe(String(clock.time));
  });

  it('waits at most one interval when the file holds a time in the future', async () => {
    const dir = tempDir('papershelf-pacing-');
    const clock = new TestClock();
    writeFileSync(join(dir, '.arxiv-pacing'), String(clock.time + 3_600_000));
    expect((await new PacingFile(dir, clock).claim(3000)).wait).toBe(3000);
  });

  it('clears a lock left by a process that is gone', async () => {
    const dir = tempDir('papershelf-pacing-');
    writeFileSync(join(dir, '.arxiv-pacing.lock'), `${await deadPid()} ${hostname()}`);
    expect((await new PacingFile(dir).claim(3000)).wait).toBe(0);
    expect(existsSync(join(dir, '.arxiv-pacing.lock'))).toBe(false);
  });

  it('clears an old lock it cannot check (another host), but waits for a live holder', async () => {
    const dir = tempDir('papershelf-pacing-');
    const lock = join(dir, '.arxiv-pacing.lock');
    writeFileSync(lock, '4242 another-machine');
    const past = new Date(Date.now() - 60_000);
    utimesSync(lock, past, past);
    expect((await new PacingFile(dir).claim(3000)).wait).toBe(0);

    writeFileSync(lock, `${process.pid} ${hostname()}`);
    let claimed: number | null = null;
    const pending = new PacingFile(dir, systemClock).claim(3000).then(({ wait }) => (claimed = wait));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(claimed).toBeNull();
    // The holder records a request long past and lets go.
    writeFileSync(join(dir, '.arxiv-pacing'), '0');
    unlinkSync(lock);
    await pending;
    expect(claimed).toBe(0);
  });

  it('falls back to pacing within the process when the folder cannot hold the file', async () => {
    const missing = join(tempDir('papershelf-pacing-'), 'not-created');
    expect((await new PacingFile(missing).claim(3000)).wait).toBe(0);
    mkdirSync(missing);
    expect(existsSync(join(missing, '.arxiv-pacing'))).toBe(false);
  });
});
