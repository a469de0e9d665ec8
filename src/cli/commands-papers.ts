/** `import`, `list`, `search`, `show`, `similar`, `export`, `stats`. */
import type { Command } from 'commander';
import { IMPORT_FORMATS, READING_STATUSES } from '../model/paper.ts';
import type { ImportSummary } from '../library/library.ts';
import { useCommandEnvironment } from './commands-enrich.ts';
import type { CliContext } from './context.ts';
import { readInput, writeOutput } from './files.ts';
import { detailText, listLine, paperJson } from './format.ts';
import { isoDay, oneOf, positiveInt } from './parse-options.ts';

const SORTS = ['date', 'upvotes', 'title', 'added'] as const;
/** Checked by the contract (exportFormat); listed here for the help text. */
const EXPORT_FORMATS = 'bibtex|csl-json|markdown|json|bibliography';

export function registerPaperCommands(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description('import a listing or bibliography file (- for standard input)')
    .argument('<file>', 'file to import, or - to read standard input')
    .option('--format <format>', `auto|${IMPORT_FORMATS.join('|')}`, oneOf(['auto', ...IMPORT_FORMATS] as const), 'auto')
    .option('--as-of <date>', 'resolve year-less dates of a listing page against this day (YYYY-MM-DD)', isoDay)
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, opts: { format: string; asOf?: string; json?: boolean }) => {
      const text = await readInput(ctx, file);
      await useCommandEnvironment(ctx);
      const summary: ImportSummary = await ctx.call('importText', { text, format: opts.format, asOf: opts.asOf, sourceName: file.slice(0, 300) });
      const { enrichment } = summary;
      if (opts.json) {
        const { added, updated, unchanged, skipped, warnings } = summary;
        return ctx.printJson({ added, updated, unchanged, skipped, warnings, ...(enrichment ? { enrichment } : {}) });
      }
      ctx.print(`imported ${summary.format}: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.skipped} skipped`);
      if (enrichment && enrichment.asked > enrichment.queued) {
        ctx.print(`resolved ${enrichment.resolved} of ${enrichment.asked} papers on arXiv (${enrichment.requests} requests)`);
      }
      for (const warning of [...summary.warnings, ...(enrichment?.warnings ?? [])]) ctx.io.stderr(`warning: ${warning}\n`);
    });

  program
    .command('list')
    .description('list papers, newest first')
    .option('--starred', 'only starred papers')
    .option('--tag <tag>', 'only papers with this tag')
    .option('--status <status>', READING_STATUSES.join('|'), oneOf(READING_STATUSES))
    .option('--sort <key>', SORTS.join('|'), oneOf(SORTS), 'date')
    .option('--limit <n>', 'show at most N papers', positiveInt)
    .option('--json', 'print JSON')
    .action(async (opts: { starred?: boolean; tag?: string; status?: string; sort: string; limit?: number; json?: boolean }) => {
      const page = await ctx.call('listPapers', { starred: opts.starred, tag: opts.tag, status: opts.status, sort: opts.sort, limit: opts.limit });
      if (opts.json) return ctx.printJson({ total: page.total, results: page.results.map(paperJson) });
      for (const paper of page.results) ctx.print(listLine(paper));
      ctx.print(`${page.results.length} of ${page.total} papers`);
    });

  program
    .command('search')
    .description(
      'full-text search: words (all required), "a phrase", a OR b, (groups), -word or NOT word, title: abstract: author: tag: note:, foo* foo~1, an arXiv id, link or DOI; put -- before a query that starts with -',
    )
    .argument('<query...>', 'search words')
    .option('--limit <n>', 'show at most N results', positiveInt, 20)
    .option('--fulltext', 'search inside the kept PDFs too (fulltext:word always does)')
    .option('--json', 'print JSON')
    // `-survey` or "-survey reward" is a query that excludes a word, not an option.
    .allowUnknownOption()
    .action(async (args: string[], opts: { limit: number; fulltext?: boolean; json?: boolean }, command: Command) => {
      // Commander keeps a `--` that follows an unknown option; it only separates options from words.
      const words = args.filter((word) => word !== '--');
      const mistyped = words.find((word) => /^--[^\s-]/.test(word) && !/\s/.test(word));
      if (mistyped !== undefined) command.error(`error: unknown option '${mistyped}' (see papershelf search --help)`);
      const page = await ctx.call('search', { query: words.join(' '), limit: opts.limit, ...(opts.fulltext ? { fulltext: true } : {}) });
      const fulltext = opts.fulltext ? await import('../search/fulltext/fulltext-library.ts') : null;
      const unsearchable = fulltext ? { unsearchablePdfs: fulltext.unsearchablePdfs(ctx.dataDir()) } : {};
      if (opts.json) {
        return ctx.printJson({ total: page.total, results: page.results.map((r) => ({ ...paperJson(r), score: r.score, matches: r.matches, ...(r.pdfMatch ? { pdfMatch: r.pdfMatch } : {}) })), ...unsearchable });
      }
      const note = fulltext?.unsearchableLine(unsearchable.unsearchablePdfs ?? []);
      if (note) ctx.print(note);
      for (const result of page.results) {
        ctx.print(`${listLine(result)}  (score ${result.score.toFixed(2)})`);
        if (result.pdfMatch) ctx.print(`    PDF p. ${result.pdfMatch.page}: …${result.pdfMatch.snippet}…`);
      }
      ctx.print(`${page.results.length} of ${page.total} matches`);
    });

  program
    .command('show')
    .description('show one paper')
    .argument('<id>', 'paper id (arXiv id, or the id shown by list)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const paper = await ctx.call('getPaper', { id });
      if (opts.json) return ctx.printJson(paperJson(paper));
      ctx.print(detailText(paper));
    });

  program
    .command('similar')
    .description('papers that share the most distinctive words and tags of one paper')
    .argument('<id>', 'paper id')
    .option('--limit <n>', 'show at most N papers (at most 50)', positiveInt, 10)
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { limit: number; json?: boolean }) => {
      const { results } = await ctx.call('similarPapers', { id, limit: opts.limit });
      if (opts.json) return ctx.printJson({ results: results.map((r) => ({ ...paperJson(r), score: r.score })) });
      for (const result of results) ctx.print(`${listLine(result)}  (score ${result.score.toFixed(2)})`);
      ctx.print(`${results.length} similar papers`);
    });

  program
    .command('export')
    .description('export papers as BibTeX, CSL-JSON, a Markdown reading list, a JSON backup or formatted references')
    .requiredOption('--format <format>', EXPORT_FORMATS)
    .option('--style <style>', 'for --format bibliography: apa|ieee|chicago|nature, or a CSL style file (FILE.csl)')
    .option('--locale <locale>', 'for --format bibliography: language of the references, such as en-US or de-DE')
    .option('--starred', 'only starred papers')
    .option('--tag <tag>', 'only papers with this tag')
    .option('-o, --output <file>', 'write to FILE instead of standard output')
    .action(async (opts: { format: string; style?: string; locale?: string; starred?: boolean; tag?: string; output?: string }) => {
      // Refuse an unwritable destination before the work of exporting.
      if (opts.output !== undefined) await writeOutput(opts.output, null);
      const style = opts.style !== undefined && /\.csl$/i.test(opts.style) ? await readInput(ctx, opts.style) : opts.style;
      const request = { format: opts.format, style, locale: opts.locale, starred: opts.starred, tag: opts.tag };
      const result = await ctx.call('exportPapers', request);
      if (opts.output === undefined) return ctx.io.stdout(result.content);
      await writeOutput(opts.output, result.content);
      ctx.io.stderr(`exported ${result.count} papers to ${opts.output}\n`);
    });

  program
    .command('stats')
    .description('counts of papers, stars, tags, notes and sources')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const stats = await ctx.call('stats', {});
      const pdfs = stats.pdfs;
      if (opts.json) return ctx.printJson(stats);
      ctx.print(
        [
          `papers:   ${stats.papers}`,
          `starred:  ${stats.starred}`,
          `tagged:   ${stats.tagged} (${stats.tags} tags)`,
          `notes:    ${stats.notes}`,
          `pdfs:     ${pdfs.count} (${(pdfs.bytes / 1024 / 1024).toFixed(1)} MB)`,
          `status:   ${stats.status['to-read']} to read, ${stats.status.reading} reading, ${stats.status.read} read, ${stats.status.dismissed} not interested`,
          `sources:  ${stats.sources.map((s) => `${s.name} ${s.count}`).join(', ') || 'none'}`,
          `data dir: ${stats.dataDir}`,
        ].join('\n'),
      );
    });
}
