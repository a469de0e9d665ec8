/** `pdf fetch`, `pdf path`, `pdf open`, `pdf rm`, `pdf import`, `pdf settings`: the papers' PDFs, kept in the data folder. */
import { InvalidArgumentError, type Command } from 'commander';
import { PapershelfError } from '../model/errors.ts';
import { READING_STATUSES, type PaperView, type ReadingStatus } from '../model/paper.ts';
import type { PdfFetchProgress, PdfFetchSummary } from '../pdfs/pdf-fetch-run.ts';
import { processIO, type CliContext } from './context.ts';
import { oneOf } from './parse-options.ts';
import { PDF_KEEP_CHOICES, type PdfKeep } from '../pdfs/pdf-keep-choices.ts';
import { parseByteSize } from '../pdfs/byte-size.ts';

/** `none` stays a word: commander turns a parser's null into an empty string. */
function sizeOption(value: string): number | 'none' {
  try {
    return parseByteSize(value) ?? 'none';
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

interface FetchOptions {
  starred?: boolean;
  tag?: string;
  status?: ReadingStatus;
  json?: boolean;
}

async function pdfStore(ctx: CliContext) {
  const { PdfStore } = await import('../pdfs/pdf-store.ts');
  return new PdfStore(ctx.dataDir());
}

/** The papers named by id (each must exist) or chosen by the filters. */
async function chosenPapers(ctx: CliContext, ids: string[], opts: FetchOptions): Promise<PaperView[]> {
  const filtered = opts.starred === true || opts.tag !== undefined || opts.status !== undefined;
  if (ids.length > 0 && filtered) throw new PapershelfError('bad-input', 'name papers by ID or choose them with --starred, --tag, --status, not both');
  if (ids.length === 0 && !filtered) throw new PapershelfError('bad-input', 'name the papers: IDs, --starred, --tag TAG or --status STATUS');
  if (filtered) return (await ctx.call('listPapers', { starred: opts.starred, tag: opts.tag, status: opts.status })).results;
  const papers = new Map<string, PaperView>();
  for (const id of ids) {
    const paper = await ctx.call('getPaper', { id });
    papers.set(paper.id, paper);
  }
  return [...papers.values()];
}

const CLEAR_LINE = '\r\x1b[2K';

/** Progress on stderr: one line redrawn in place on a terminal, a line per finished paper otherwise. */
function progressWriter(ctx: CliContext): { show(progress: PdfFetchProgress): void; close(): void } {
  const terminal = ctx.io === processIO && process.stderr.isTTY === true;
  let drawn = false;
  let lastDone = 0;
  return {
    show({ done, total, message }) {
      const line = `[${done}/${total}] ${message}`;
      if (terminal) {
        const columns = process.stderr.columns ?? 80;
        ctx.io.stderr(`${CLEAR_LINE}${line.length < columns ? line : `${line.slice(0, columns - 2)}…`}`);
        drawn = true;
      } else if (done > lastDone) {
        lastDone = done;
        ctx.io.stderr(`${line}\n`);
      }
    },
    close() {
      if (drawn) ctx.io.stderr(CLEAR_LINE);
      drawn = false;
    },
  };
}

function summaryLine(summary: PdfFetchSummary): string {
  const mb = (summary.bytes / 1024 / 1024).toFixed(1);
  return `${summary.downloaded} downloaded, ${summary.skipped} already kept, ${summary.failed.length} failed (${mb} MB, ${summary.requests} requests)`;
}

async function fetchCommand(ctx: CliContext, ids: string[], opts: FetchOptions): Promise<void> {
  const papers = await chosenPapers(ctx, ids, opts);
  const [{ fetchPdfs }, { checkedConfig }, { SubscriptionStore }] = await Promise.all([
    import('../pdfs/pdf-fetch-run.ts'),
    import('../library/fetch-clients.ts'),
    import('../store/subscription-store.ts'),
  ]);
  const store = await pdfStore(ctx);
  const config = checkedConfig({ env: ctx.io.env }, SubscriptionStore.open(store.dataDir).sources());
  const controller = new AbortController();
  const progress = progressWriter(ctx);
  const onInterrupt = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    progress.close();
    ctx.io.stderr('cancelling… (Ctrl+C again to quit at once)\n');
  };
  process.on('SIGINT', onInterrupt);
  let outcome: Awaited<ReturnType<typeof fetchPdfs>>;
  const downloaded = new Set<string>();
  try {
    const wanted = papers.map((paper) => ({ id: paper.id, arxivId: paper.arxivId, version: paper.details.version, pdfUrl: paper.pdfUrl }));
    outcome = await fetchPdfs(
      wanted,
      store,
      config,
      { env: ctx.io.env },
      { signal: controller.signal, onProgress: (p) => progress.show(p), onPaper: (id, result) => result.kept === 'downloaded' && downloaded.add(id) },
    );
  } finally {
    process.off('SIGINT', onInterrupt);
    progress.close();
  }
  const { summary, cancelled } = outcome;
  if (downloaded.size > 0) await applySizeLimit(ctx, downloaded);
  if (opts.json) ctx.printJson(summary);
  else ctx.print(summaryLine(summary));
  if (!opts.json) for (const { id, reason } of summary.failed) ctx.io.stderr(`papershelf: warning: ${id}: ${reason}\n`);
  if (cancelled) throw new PapershelfError('cancelled', 'cancelled: the PDFs downloaded so far are kept; a download cut short resumes next time');
  if (summary.failed.length > 0) {
    const n = summary.failed.length;
    throw new PapershelfError('internal', `${n} PDF${n === 1 ? '' : 's'} could not be fetched`);
  }
}

/** The kept PDF of a paper named any way the library accepts, or the user's error when there is none. */
async function keptPdf(ctx: CliContext, id: string): Promise<{ paper: PaperView; path: string }> {
  const paper = await ctx.call('getPaper', { id });
  const store = await pdfStore(ctx);
  if (store.keptBytes(paper.id) === null) throw new PapershelfError('not-found', `no PDF is kept for ${paper.id}; \`papershelf pdf fetch ${paper.id}\` downloads it`);
  return { paper, path: store.pathOf(paper.id) };
}

/** After PDFs were added: the size limit, if one is set; what it removed is said on stderr. */
async function applySizeLimit(ctx: CliContext, added: ReadonlySet<string>): Promise<void> {
  const [{ readPdfSettings }, { pruneToLimit }, library, store] = await Promise.all([
    import('../pdfs/pdf-settings-store.ts'),
    import('../pdfs/pdf-prune.ts'),
    ctx.openLibrary(),
    pdfStore(ctx),
  ]);
  if (readPdfSettings(store.dataDir).settings.maxBytes === null) return;
  const pruned = await pruneToLimit(library, store, undefined, added);
  if (pruned.removed.length > 0 || (pruned.maxBytes !== null && pruned.bytes > pruned.maxBytes)) ctx.io.stderr(`papershelf: ${pruned.message}\n`);
}

async function importCommand(ctx: CliContext, files: string[], json: boolean | undefined): Promise<void> {
  const [{ importPdfFiles }, library, store] = await Promise.all([import('../pdfs/pdf-import.ts'), ctx.openLibrary(), pdfStore(ctx)]);
  const results = await importPdfFiles(files, library, store, undefined, { env: ctx.io.env, dataDir: store.dataDir });
  const added = new Set(results.flatMap((result) => (result.id === null ? [] : [result.id])));
  if (added.size > 0) await applySizeLimit(ctx, added);
  ctx.reportProblems(library);
  if (json) ctx.printJson({ files: results });
  const failed = results.filter((result) => result.id === null);
  for (const result of results) {
    if (result.id !== null && !json) ctx.print(`${result.file}: kept as the PDF of ${result.id} (by ${result.by.replace('-', ' ')}${result.added ? '; the paper was added from arXiv' : ''})`);
  }
  if (failed.length === 0) return;
  const line = (result: (typeof failed)[number]) => `${result.file}: ${'reason' in result ? result.reason : ''}`;
  if (failed.length === 1 && failed[0]) throw new PapershelfError('bad-file', line(failed[0]));
  for (const result of failed) ctx.io.stderr(`papershelf: ${line(result)}\n`);
  throw new PapershelfError('bad-file', `${failed.length} of ${results.length} files were not imported`);
}

export function registerPdfCommands(program: Command, ctx: CliContext): void {
  const pdf = program.command('pdf').description("keep papers' PDFs offline: fetch, import, path, open, rm, settings");
  const sub = (name: string) => pdf.command(name).option('--data-dir <dir>', 'library folder');

  sub('fetch')
    .description('download the PDFs of the papers named (arXiv, or their pdfUrl); already kept ones are skipped')
    .argument('[ids...]', 'paper ids')
    .option('--starred', 'the starred papers')
    .option('--tag <tag>', 'the papers with this tag')
    .option('--status <status>', READING_STATUSES.join('|'), oneOf(READING_STATUSES))
    .option('--json', 'print the summary as JSON')
    .action((ids: string[], opts: FetchOptions) => fetchCommand(ctx, ids, opts));

  sub('path')
    .description("print the path of a paper's kept PDF (exit 2 if there is none)")
    .argument('<id>')
    .action(async (id: string) => ctx.print((await keptPdf(ctx, id)).path));

  sub('open')
    .description("open a paper's kept PDF in the system viewer")
    .argument('<id>')
    .action(async (id: string) => {
      const { path } = await keptPdf(ctx, id);
      const { openInViewer } = await import('../pdfs/open-viewer.ts');
      await openInViewer(path, ctx.io.env);
    });

  sub('rm')
    .description("delete a paper's kept PDF, or those of every paper marked read")
    .argument('[id]')
    .option('--all-read', 'the PDFs of all papers whose status is read')
    .action(async (id: string | undefined, opts: { allRead?: boolean }) => {
      if ((id === undefined) === (opts.allRead !== true)) throw new PapershelfError('bad-input', 'give one ID or --all-read');
      const store = await pdfStore(ctx);
      if (id !== undefined) {
        const paper = await ctx.call('getPaper', { id });
        if (!(await store.remove(paper.id))) throw new PapershelfError('not-found', `no PDF is kept for ${paper.id}`);
        return ctx.print(`deleted the PDF of ${paper.id}`);
      }
      const { results } = await ctx.call('listPapers', { status: 'read' });
      let removed = 0;
      for (const paper of results) if (await store.remove(paper.id)) removed += 1;
      ctx.print(`deleted ${removed} PDF${removed === 1 ? '' : 's'} of papers marked read`);
    });

  sub('settings')
    .description('show or change which PDFs are kept on their own (on refresh, on starring in the window) and the size limit')
    .option('--keep <which>', `${PDF_KEEP_CHOICES.join('|')}: whose PDFs are downloaded on their own`, oneOf(PDF_KEEP_CHOICES))
    .option('--max-size <size>', 'prune the oldest read papers\' PDFs beyond this total, e.g. 2GB (none: no limit)', sizeOption)
    .option('--json', 'print the settings as JSON')
    .action(async (opts: { keep?: PdfKeep; maxSize?: number | 'none'; json?: boolean }) => {
      const maxBytes = opts.maxSize === 'none' ? null : opts.maxSize;
      const change = { ...(opts.keep === undefined ? {} : { keep: opts.keep }), ...(maxBytes === undefined ? {} : { maxBytes }) };
      const saved = Object.keys(change).length === 0 ? null : await ctx.call('savePdfSettings', change);
      const settings = saved ?? (await ctx.call('getPdfSettings', {}));
      if (opts.json) return ctx.printJson(settings);
      const { formatByteSize } = await import('../pdfs/byte-size.ts');
      const limit = settings.maxBytes === null ? 'no size limit' : `size limit ${formatByteSize(settings.maxBytes)} (the oldest read papers' PDFs go first, never a starred one's)`;
      const keep = { none: 'PDFs are downloaded only when asked for', starred: 'the PDFs of starred papers are kept', 'starred-and-to-read': 'the PDFs of starred and to-read papers are kept' }[settings.keep];
      const store = await pdfStore(ctx);
      const totals = store.totals();
      if (saved?.pruned) ctx.print(saved.pruned.message);
      ctx.print(`${keep}; ${limit}\n${totals.count} PDF${totals.count === 1 ? '' : 's'} kept, ${formatByteSize(totals.bytes)}`);
    });

  sub('import')
    .description('attach local PDF files to their papers, found by arXiv stamp, DOI or title')
    .argument('<files...>')
    .option('--json', 'print what each file became as JSON')
    .action((files: string[], opts: { json?: boolean }) => importCommand(ctx, files, opts.json));
}
