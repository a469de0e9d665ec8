import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { fetchJobsFor } from '../../src/library/fetch-jobs.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { closedPort, fixtureDays, HF_SMALL_DAY, startReplayServer, type ReplayData, type ReplayServer } from '../helpers/replay-server.ts';
import { TestClock } from '../sources/test-clock.ts';
import type { CliRun } from './run-cli.ts';

let server: ReplayServer;
afterEach(() => server?.close());

async function serve(data: Partial<ReplayData> = {}): Promise<string> {
  server = await startReplayServer(data);
  return server.url;
}

/** The CLI in this process, with the sources pointed where the test says (run-cli.ts passes no such env). */
async function cli(dataDir: string, args: string[], env: Record<string, string> = { PAPERSHELF_HF_URL: server.url, PAPERSHELF_ARXIV_URL: server.url }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--data-dir', dataDir], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => new Uint8Array(),
    env: { ...process.env, PAPERSHELF_DATA_DIR: undefined, ...env },
  });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

/** A folder whose fetches run on a virtual clock (today 2026-07-15, no real waits between retries or arXiv requests). */
function library(): string {
  const dir = tempDir();
  fetchJobsFor(dir).environment = { clock: new TestClock(), retry: { backoffMs: 10 } };
  return dir;
}

const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';

describe('papershelf fetch', () => {
  it('imports a day of Daily Papers and prints the summary as JSON with the requests made', async () => {
    await serve();
    const dir = library();
    const run = await cli(dir, ['fetch', 'hf', '--date', HF_SMALL_DAY, '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ added: 2, updated: 0, unchanged: 0, skipped: 0, warnings: [], requests: 1, batches: 1, error: null });
    const list = (await cli(dir, ['list', '--json'])).json<{ results: Array<{ id: string; sources: string[] }> }>();
    expect(list.results.map((paper) => [paper.id, paper.sources]).sort()).toEqual([
      ['2607.11111', ['hf-daily']],
      ['2607.11886', ['hf-daily']],
    ]);
  });

  it('shows plain progress lines on a non-terminal stderr and a summary on stdout', async () => {
    await serve();
    const run = await cli(library(), ['fetch', 'hf', '--from', '2026-07-14', '--to', '2026-07-15']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('[1/2] 2026-07-14: 0 papers (0 added, 0 updated, 0 unchanged)\n[2/2] 2026-07-15: 2 papers (2 added, 0 updated, 0 unchanged)\n');
    expect(run.stdout).toBe('Daily Papers 2026-07-14 to 2026-07-15: 2 added, 0 updated, 0 unchanged, 0 skipped (2 batches, 2 requests)\n');
  });

  it('fetches arXiv results', async () => {
    await serve();
    const run = await cli(library(), ['fetch', 'arxiv', 'all:testing', '--max', '4', '--sort', 'relevance', '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ added: 4, requests: 1, batches: 1 });
    expect(server.requests.map((request) => [request.query.search_query, request.query.max_results, request.query.sortBy])).toEqual([['all:testing', '4', 'relevance']]);
  });

  it('says offline in one line and exits 1, leaving the library unchanged', async () => {
    await serve();
    const dir = library();
    const port = await closedPort();
    const run = await cli(dir, ['fetch', 'hf', '--date', HF_SMALL_DAY], { PAPERSHELF_HF_URL: `http://127.0.0.1:${port}` });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(lastLine(run.stderr)).toBe(`papershelf: offline: could not reach 127.0.0.1:${port} — your library is unchanged`);
    expect((await cli(dir, ['stats', '--json'])).json()).toMatchObject({ papers: 0 });
  });

  it('says how many batches were kept when the network fails midway, and exits 1', async () => {
    await serve({ hfDays: { '2026-07-14': fixtureDays()[HF_SMALL_DAY]!, [HF_SMALL_DAY]: [] } });
    const dir = library();
    fetchJobsFor(dir).subscribe((event) => {
      if (event.job?.done === 1 && !event.job.finished && server.requests.length === 1) server.inject({ kind: 'status', status: 503 }, { times: 5 });
    });
    const run = await cli(dir, ['fetch', 'hf', '--from', '2026-07-14', '--to', HF_SMALL_DAY, '--json']);
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ added: 2, batches: 1, error: { code: 'internal' } });
    expect(lastLine(run.stderr)).toBe(
      `papershelf: ${new URL(server.url).host} answered HTTP 503 Service Unavailable for /api/daily_papers — 1 batch imported before the failure, library consistent`,
    );
  });

  it('exits 2 with one line for bad flags and bad queries, sending nothing', async () => {
    await serve();
    const dir = library();
    const cases: Array<[string[], RegExp]> = [
      [['fetch', 'hf', '--date', '2026-13-01'], /--date <date>' argument '2026-13-01' is invalid\. expected a date as YYYY-MM-DD/],
      [['fetch', 'hf', '--week', '2026-W60'], /week: 2026 has no week 60/],
      [['fetch', 'hf', '--date', '2026-07-01', '--month', '2026-07'], /give exactly one of/],
      [['fetch', 'hf', '--max', '5'], /--max and --sort are options of `fetch arxiv`/],
      [['fetch', 'arxiv'], /fetch arxiv needs a QUERY/],
      [['fetch', 'arxiv', 'all:x', '--date', '2026-07-01'], /are options of `fetch hf`/],
      [['fetch', 'arxiv', '(cat:cs.LG'], /the arXiv query "\(cat:cs\.LG" has unbalanced parentheses/],
      [['fetch', 'gopher'], /value 'gopher' is invalid for argument 'source'\. expected one of hf, arxiv/],
      [['follow', 'arxiv'], /follow arxiv needs a QUERY/],
      [['unfollow', 'hf-daily'], /not following "hf-daily"/],
      [['refresh'], /nothing is followed yet/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(dir, args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trimEnd().split('\n'), args.join(' ')).toEqual([expect.stringMatching(message)]);
    }
    expect(server.requests).toEqual([]);
  });

  it('cancels on Ctrl+C, keeping the days already imported', async () => {
    await serve({ hfDays: { '2026-07-14': fixtureDays()[HF_SMALL_DAY]!, [HF_SMALL_DAY]: [] } });
    const dir = library();
    fetchJobsFor(dir).environment.timeoutMs = 60_000;
    fetchJobsFor(dir).subscribe((event) => {
      if (event.job?.done === 1 && !event.job.finished && server.requests.length === 1) server.inject({ kind: 'hang' });
    });
    const running = cli(dir, ['fetch', 'hf', '--from', '2026-07-14', '--to', HF_SMALL_DAY]);
    while (server.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    process.emit('SIGINT', 'SIGINT');
    const run = await running;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cancelling after the current request');
    expect(lastLine(run.stderr)).toBe('papershelf: cancelled — 1 batch imported, library consistent');
    expect(process.listenerCount('SIGINT')).toBe(0);
  });
});

describe('papershelf follow / following / unfollow / refresh', () => {
  it('follows, refreshes and lists, in JSON for scripts', async () => {
    await serve();
    const dir = library();
    expect((await cli(dir, ['follow', 'hf-daily', '--since', '2026-07-14'])).stdout).toBe('following hf-daily; `papershelf refresh` fetches it\n');
    const arxiv = await cli(dir, ['follow', 'arxiv', 'cat:cs.LG AND all:transformer', '--max', '3']);
    const id = /following (arxiv-[0-9a-f]{8}) \(arXiv "cat:cs\.LG AND all:transformer"\)/.exec(arxiv.stdout)?.[1];
    expect(id).toBeDefined();
    expect((await cli(dir, ['follow', 'arxiv', 'cat:cs.LG  AND all:transformer'])).stdout).toBe(`already following ${id} (arXiv "cat:cs.LG AND all:transformer")\n`);

    const refresh = await cli(dir, ['refresh', '--json']);
    expect(refresh.code).toBe(0);
    const summary = refresh.json<{ added: number; requests: number; follows: Array<{ id: string; added: number; batches: number; error: unknown }> }>();
    expect(summary).toMatchObject({ added: 5, requests: 3 });
    expect(summary.follows.map((part) => [part.id, part.added, part.batches, part.error])).toEqual([
      ['hf-daily', 2, 2, null],
      [id, 3, 1, null],
    ]);

    const following = (await cli(dir, ['following', '--json'])).json<{ follows: Array<{ id: string; progress: string }> }>();
    expect(following.follows.map((follow) => [follow.id, follow.progress])).toEqual([
      ['hf-daily', 'complete through 2026-07-14; next refresh fetches 2026-07-15 through today'],
      [id, expect.stringMatching(/^next refresh fetches results submitted since \d{4}-/)],
    ]);
    expect((await cli(dir, ['following'])).stdout).toMatch(new RegExp(`^${id} +arXiv "cat:cs\\.LG AND all:transformer" \\(first refresh: 3 results\\)$`, 'm'));

    expect((await cli(dir, ['unfollow', 'cat:cs.LG AND all:transformer'])).stdout).toBe(`unfollowed ${id}; its papers stay in the library\n`);
    expect((await cli(dir, ['stats', '--json'])).json()).toMatchObject({ papers: 5 });
  });
});
