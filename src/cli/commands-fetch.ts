/** `fetch`, `follow`, `following`, `unfollow`, `refresh`: online sources, with progress and Ctrl+C. */
import type { Command } from 'commander';
import type { FetchJob, OperationInput } from '../api/contract.ts';
import { PapershelfError, type ErrorCode } from '../model/errors.ts';
import { processIO, type CliContext } from './context.ts';
import { isoDay, oneOf, positiveInt } from './parse-options.ts';
import { ProgressBar } from './progress-bar.ts';
import { FOLLOW_PDFS, type FollowPdfs } from '../store/follow-pdfs.ts';

const SORTS = ['submitted', 'updated', 'relevance'] as const;

interface FetchOptions {
  date?: string;
  from?: string;
  to?: string;
  week?: string;
  month?: string;
  max?: number;
  sort?: (typeof SORTS)[number];
  json?: boolean;
}

function fetchInput(source: 'hf' | 'arxiv', words: string[], opts: FetchOptions): OperationInput<'fetchSource'> {
  const { date, from, to, week, month, max, sort } = opts;
  const dated = [date, from, to, week, month].some((value) => value !== undefined);
  if (source === 'hf') {
    if (words.length > 0) throw new PapershelfError('bad-input', 'fetch hf takes no query (did you mean `fetch arxiv QUERY`?)');
    if (max !== undefined || sort !== undefined) throw new PapershelfError('bad-input', '--max and --sort are options of `fetch arxiv`');
    return { source, date, from, to, week, month };
  }
  if (words.length === 0) throw new PapershelfError('bad-input', 'fetch arxiv needs a QUERY, e.g. "cat:cs.LG AND all:reward"');
  if (dated) throw new PapershelfError('bad-input', '--date, --from, --to, --week and --month are options of `fetch hf`');
  return { source, query: words.join(' '), max, sort };
}

/**
 * Starts a job through the contract and follows it to the end, drawing progress; the first Ctrl+C
 * cancels it (the batches already imported stay), a second one quits at once.
 */
async function runJob(ctx: CliContext, start: () => Promise<{ job: FetchJob }>): Promise<FetchJob> {
  const library = await ctx.openLibrary();
  const { fetchJobsFor } = await import('../library/fetch-jobs.ts');
  const jobs = fetchJobsFor(library.dataDir);
  // Base URLs come from this command's environment (tests run the CLI in-process with their own).
  jobs.environment = { ...jobs.environment, env: ctx.io.env };
  const terminal = ctx.io === processIO && process.stderr.isTTY === true;
  const bar = new ProgressBar({ write: (text) => ctx.io.stderr(text), isTTY: terminal, columns: process.stderr.columns });
  let id: string | null = null;
  let cancelRequested = false;
  const early: FetchJob[] = [];
  const stop = jobs.subscribe((event) => {
    if (event.kind !== 'fetch' || !event.job) return;
    if (id === null) early.push(event.job);
    else if (event.job.id === id) bar.update(event.job);
  });
  const onInterrupt = (): void => {
    if (cancelRequested) process.exit(130);
    cancelRequested = true;
    if (id !== null) jobs.cancel(id);
    bar.close();
    ctx.io.stderr('cancelling after the current request… (Ctrl+C again to quit at once)\n');
  };
  process.on('SIGINT', onInterrupt);
  try {
    const { job } = await start();
    id = job.id;
    for (const seen of early) if (seen.id === id) bar.update(seen);
    if (cancelRequested) jobs.cancel(id);
    return await jobs.wait(id);
  } finally {
    stop();
    process.off('SIGINT', onInterrupt);
    bar.close();
  }
}

function counts(part: Pick<FetchJob, 'added' | 'updated' | 'unchanged' | 'skipped' | 'requests'>, batches: number): string {
  return `${part.added} added, ${part.updated} updated, ${part.unchanged} unchanged, ${part.skipped} skipped (${batches} batches, ${part.requests} requests)`;
}

/** Prints the summary (always with --json; otherwise when anything was fetched), then fails like the job did. */
function report(ctx: CliContext, job: FetchJob, json: boolean | undefined): void {
  const { added, updated, unchanged, skipped, warnings, requests, done: batches, error } = job;
  if (json) {
    const follows = job.kind === 'refresh' ? { follows: job.parts } : {};
    ctx.printJson({ added, updated, unchanged, skipped, warnings, requests, batches, error, ...follows });
  } else if (batches > 0 || job.state === 'done') {
    if (job.kind === 'refresh') for (const part of job.parts) ctx.print(`${part.id}: ${part.label}: ${counts(part, part.batches)}`);
    ctx.print(`${job.kind === 'refresh' ? 'refresh' : job.label}: ${counts(job, batches)}`);
  }
  for (const warning of warnings) ctx.io.stderr(`warning: ${warning}\n`);
  if (error) throw new PapershelfError(error.code as ErrorCode, error.message);
}

function warnAll(ctx: CliContext, problems: string[]): void {
  for (const problem of problems) ctx.io.stderr(`papershelf: warning: ${problem}\n`);
}

export function registerFetchCommands(program: Command, ctx: CliContext): void {
  program
    .command('fetch')
    .description('fetch Hugging Face Daily Papers (hf; default today) or arXiv results (arxiv QUERY) into the library')
    .argument('<source>', 'hf | arxiv', oneOf(['hf', 'arxiv'] as const))
    .argument('[query...]', 'arXiv query, e.g. "cat:cs.LG AND all:reward"')
    .option('--date <date>', 'hf: one day (YYYY-MM-DD)', isoDay)
    .option('--from <date>', 'hf: first day (YYYY-MM-DD)', isoDay)
    .option('--to <date>', 'hf: last day (YYYY-MM-DD; default today)', isoDay)
    .option('--week <week>', 'hf: an ISO week (YYYY-Www)')
    .option('--month <month>', 'hf: a month (YYYY-MM)')
    .option('--max <n>', 'arxiv: most results to fetch (default 100)', positiveInt)
    .option('--sort <key>', `arxiv: ${SORTS.join('|')} (default submitted)`, oneOf(SORTS))
    .option('--json', 'print the summary as JSON')
    .action(async (source: 'hf' | 'arxiv', words: string[], opts: FetchOptions) => {
      const input = fetchInput(source, words, opts);
      report(ctx, await runJob(ctx, () => ctx.call('fetchSource', input)), opts.json);
    });

  program
    .command('follow')
    .description('follow Hugging Face Daily Papers (hf-daily) or an arXiv query (arxiv QUERY); `refresh` fetches what is new')
    .argument('<source>', 'hf-daily | arxiv', oneOf(['hf-daily', 'arxiv'] as const))
    .argument('[query...]', 'arXiv query, e.g. "cat:cs.LG AND all:reward"')
    .option('--since <date>', 'hf-daily: first day the first refresh fetches (default: the last 7 days)', isoDay)
    .option('--max <n>', 'arxiv: results the first refresh fetches, newest first (default 100)', positiveInt)
    .option('--pdfs <which>', "after each refresh, download the PDFs of this follow's papers: starred|all|none (default none)", oneOf(FOLLOW_PDFS))
    .action(async (source: 'hf-daily' | 'arxiv', words: string[], opts: { since?: string; max?: number; pdfs?: FollowPdfs }) => {
      if (source === 'hf-daily' && (words.length > 0 || opts.max !== undefined)) {
        throw new PapershelfError('bad-input', 'follow hf-daily takes no query and no --max');
      }
      if (source === 'arxiv' && (words.length === 0 || opts.since !== undefined)) {
        throw new PapershelfError('bad-input', 'follow arxiv needs a QUERY (and takes --max, not --since)');
      }
      const input = source === 'hf-daily' ? { kind: source, since: opts.since, pdfs: opts.pdfs } : { kind: source, query: words.join(' '), max: opts.max, pdfs: opts.pdfs };
      const result = await ctx.call('follow', input);
      warnAll(ctx, result.problems);
      const what = `${result.follow.id}${result.follow.query === null ? '' : ` (arXiv "${result.follow.query}")`}`;
      ctx.print(result.added ? `following ${what}; \`papershelf refresh\` fetches it` : `already following ${what}`);
      if (result.follow.pdfs !== 'none') ctx.print(`after each refresh, the PDFs of ${result.follow.pdfs === 'all' ? 'its papers' : 'its starred papers'} are downloaded`);
    });

  program
    .command('following')
    .description('list what you follow and where each next refresh starts')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { follows, problems } = await ctx.call('listFollows', {});
      warnAll(ctx, problems);
      if (opts.json) return ctx.printJson({ follows });
      for (const follow of follows) {
        const what = follow.kind === 'hf-daily' ? 'Hugging Face Daily Papers' : `arXiv "${follow.query}" (first refresh: ${follow.max} results)`;
        const last = follow.lastFetchAt ? `last fetched ${follow.lastFetchAt.slice(0, 16).replace('T', ' ')}` : 'never fetched';
        ctx.print(`${follow.id.padEnd(15)} ${what}\n    ${last}; ${follow.progress}${follow.lastError ? `\n    last error: ${follow.lastError}` : ''}`);
      }
      ctx.print(follows.length === 0 ? 'nothing followed yet: `papershelf follow hf-daily` or `papershelf follow arxiv QUERY`' : `${follows.length} followed`);
    });

  program
    .command('unfollow')
    .description('stop following (papers already fetched stay in the library)')
    .argument('<id-or-query...>', 'the id shown by `following`, or the arXiv query')
    .action(async (words: string[]) => {
      const result = await ctx.call('unfollow', { id: words.join(' ') });
      warnAll(ctx, result.problems);
      ctx.print(`unfollowed ${result.follow.id}; its papers stay in the library`);
    });

  program
    .command('refresh')
    .description('fetch everything followed since its last successful fetch (resumes an interrupted refresh)')
    .option('--json', 'print the summary as JSON')
    .option('--digest <file>', 'then write the digest of papers for you to FILE (HTML for .html, else Markdown)')
    .action(async (opts: { json?: boolean; digest?: string }) => {
      report(ctx, await runJob(ctx, () => ctx.call('refresh', {})), opts.json);
      if (opts.digest !== undefined) await (await import('./commands-recommend.ts')).writeRefreshDigest(ctx, opts.digest);
    });
}
