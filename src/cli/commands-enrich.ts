/**
 * `enrich [ID…]`: resolves papers a listing page gave without an arXiv id, by asking arXiv for their
 * titles; progress on stderr, the first Ctrl+C stops after the current request (nothing changes),
 * a second quits at once. `--auto on|off` says whether imports and refreshes do it on their own.
 */
import type { Command } from 'commander';
import type { OperationOutput } from '../api/contract.ts';
import type { EnrichProgress } from '../library/enrich/library-enrichment.ts';
import type { Library } from '../library/library.ts';
import { processIO, type CliContext } from './context.ts';
import { oneOf } from './parse-options.ts';

type EnrichReport = OperationOutput<'enrichPapers'>;

const CLEAR_LINE = '\r\x1b[2K';

function progressLine(progress: EnrichProgress): string {
  const papers = `resolving ${progress.papers} ${progress.papers === 1 ? 'paper' : 'papers'} on arXiv`;
  return progress.of > 0 ? `${papers}: ${progress.done}/${progress.of} requests answered` : `${papers}…`;
}

function summary(report: EnrichReport): string[] {
  const lines = report.resolved.map((r) => `${r.from} -> ${r.to}  ${r.title}`);
  for (const a of report.ambiguous) lines.push(`${a.id}: several arXiv papers have this title (${a.candidates.join(', ')}); left as it is`);
  lines.push(
    `${report.resolved.length} resolved, ${report.ambiguous.length} ambiguous, ${report.unresolved.length} not found on arXiv (${report.requests} ${report.requests === 1 ? 'request' : 'requests'})`,
  );
  return lines;
}

/**
 * arXiv's base URL comes from this command's environment (tests run the CLI in-process with their
 * own), for `enrich` and for the resolving an `import` does.
 */
export async function useCommandEnvironment(ctx: CliContext): Promise<Library> {
  const library = await ctx.openLibrary();
  const { fetchJobsFor } = await import('../library/fetch-jobs.ts');
  const jobs = fetchJobsFor(library.dataDir);
  jobs.environment = { ...jobs.environment, env: ctx.io.env };
  return library;
}

export function registerEnrichCommand(program: Command, ctx: CliContext): void {
  program
    .command('enrich')
    .description('find the arXiv ids, author names and links of papers a listing page gave only by title (all such papers, or the IDs given)')
    .argument('[id...]', 'paper ids (any unambiguous prefix)')
    .option('--auto <on|off>', 'whether import and refresh resolve new papers on their own (default on)', oneOf(['on', 'off'] as const))
    .option('--json', 'print {"resolved","unresolved","ambiguous","requests","warnings"}')
    .action(async (ids: string[], opts: { auto?: 'on' | 'off'; json?: boolean }) => {
      if (opts.auto !== undefined) {
        const status = await ctx.call('enrichStatus', { auto: opts.auto === 'on' });
        if (opts.json) return ctx.printJson(status);
        return ctx.print(`automatic resolving is ${status.auto ? 'on' : 'off'}; ${status.pending} papers lack an arXiv id`);
      }
      const library = await useCommandEnvironment(ctx);
      const enrichment = await library.enrich();
      const terminal = ctx.io === processIO && process.stderr.isTTY === true;
      let drawn = false;
      const stop = enrichment.onProgress((progress) => {
        if (progress === null) return;
        if (terminal) ctx.io.stderr(`${CLEAR_LINE}${progressLine(progress)}`);
        else ctx.io.stderr(`${progressLine(progress)}\n`);
        drawn = terminal;
      });
      let interrupted = false;
      const onInterrupt = (): void => {
        if (interrupted) process.exit(130);
        interrupted = true;
        enrichment.cancel();
        ctx.io.stderr(`${drawn ? CLEAR_LINE : ''}stopping after the current request… (Ctrl+C again to quit at once)\n`);
      };
      process.on('SIGINT', onInterrupt);
      let report: EnrichReport;
      try {
        report = await ctx.call('enrichPapers', ids.length > 0 ? { ids } : {});
      } finally {
        stop();
        process.off('SIGINT', onInterrupt);
        if (drawn) ctx.io.stderr(CLEAR_LINE);
      }
      if (opts.json) ctx.printJson(report);
      else for (const line of summary(report)) ctx.print(line);
      for (const warning of report.warnings) ctx.io.stderr(`warning: ${warning}\n`);
    });
}
