/**
 * `pdf fetch`: downloads the PDFs of the given papers one after another, each checked before it is
 * kept. A paper whose PDF is kept already is skipped; one whose server sends no PDF (a captcha page,
 * a cut-off file, an error) is reported with the reason and nothing of it is kept. Cancelling stops
 * the download under way at once; what it got stays as a part the next run resumes.
 */
import { PapershelfError } from '../model/errors.ts';
import { systemClock, type Clock } from '../sources/clock.ts';
import { nodeTransport, type FetchLike } from '../sources/node-transport.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../sources/retry-policy.ts';
import { SourceError } from '../sources/source-error.ts';
import type { SourceConfig } from '../sources/source-config.ts';
import type { LookupFunction } from 'node:net';
import { downloadPdf, type DownloadOptions } from './pdf-download.ts';
import { arxivPdfBaseUrl, PdfPacers, pdfTarget, type PdfPaper } from './pdf-sources.ts';
import type { PdfStore } from './pdf-store.ts';
import { PdfReader, PdfRefusedError, type PdfReadBudget } from './read-pdf-in-worker.ts';

export interface PdfFetchSummary {
  downloaded: number;
  skipped: number;
  failed: Array<{ id: string; reason: string }>;
  bytes: number;
  requests: number;
}

/** How a run reaches the network; the defaults are the real ones, tests inject theirs. */
export interface PdfFetchEnvironment {
  env: NodeJS.ProcessEnv;
  clock?: Clock | undefined;
  fetch?: FetchLike | undefined;
  lookup?: LookupFunction | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  /** A PDF larger than this is refused (default 200 MB). */
  maxBytes?: number | undefined;
  readBudget?: PdfReadBudget | undefined;
}

export interface PdfFetchProgress {
  /** Papers finished so far, of `total`. */
  done: number;
  total: number;
  message: string;
}

/** What happened to one paper of a run. */
export type PdfOutcome = { kept: 'downloaded'; bytes: number } | { kept: 'already' } | { kept: 'failed'; reason: string };

export interface PdfFetchOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: PdfFetchProgress) => void) | undefined;
  /** Each paper as it is finished (a cancelled one is not). */
  onPaper?: ((id: string, outcome: PdfOutcome) => void) | undefined;
  /** Each request sent, retries included. */
  onRequest?: (() => void) | undefined;
}

export const DEFAULT_MAX_PDF_BYTES = 200 * 1024 * 1024;
const UNCHANGED = / — your library is unchanged$/;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface Run {
  store: PdfStore;
  summary: PdfFetchSummary;
  reader: PdfReader;
  base: string;
  pacers: PdfPacers;
  download: Omit<DownloadOptions, 'pacer' | 'onBytes'>;
  environment: PdfFetchEnvironment;
  /** Hosts found unreachable in a row this run: after two, their other papers are not tried (offline). */
  unreachable: Map<string, number>;
}

const UNREACHABLE_LIMIT = 2;

/** Downloads, checks and keeps one paper's PDF; a refusal or a failed request is a reason for the summary. */
async function fetchOne(run: Run, paper: PdfPaper, progress: (message: string, finished: boolean) => void): Promise<string | null> {
  const { store, summary } = run;
  const target = pdfTarget(paper, run.base);
  if ('none' in target) return target.none;
  const host = target.url.host;
  if ((run.unreachable.get(host) ?? 0) >= UNREACHABLE_LIMIT) return `not tried: ${host} could not be reached (offline?); it is tried again next time`;
  const release = store.claimDownload(paper.id);
  if (!release) return 'another Papershelf process is downloading it';
  try {
    progress(`downloading from ${target.url.host}`, false);
    await downloadPdf(store, paper.id, target.url, {
      ...run.download,
      pacer: run.pacers.for(target),
      onBytes: (received, size) => progress(`${megabytes(received)}${size === null ? '' : ` of ${megabytes(size)}`}`, false),
    });
    const bytes = await store.readPart(paper.id);
    try {
      await run.reader.read(bytes, run.environment.readBudget);
    } catch (error) {
      // A part that is not a PDF cannot become one by resuming: the next run starts afresh.
      if (error instanceof PdfRefusedError) await store.discardPart(paper.id);
      throw error;
    }
    await store.finishPart(paper.id, target.arxiv ? 'arxiv' : 'url');
    summary.downloaded += 1;
    summary.bytes += bytes.byteLength;
    progress(`kept (${megabytes(bytes.byteLength)})`, true);
    run.unreachable.delete(host);
    return null;
  } catch (error) {
    if (error instanceof SourceError && error.kind === 'offline') run.unreachable.set(host, (run.unreachable.get(host) ?? 0) + 1);
    if (error instanceof SourceError || error instanceof PdfRefusedError) return error.message.replace(UNCHANGED, '');
    // Cancelling, a full or read-only disk: the whole run stops.
    if (error instanceof PapershelfError && (error.code === 'cancelled' || error.code === 'read-only')) throw error;
    if (error instanceof PapershelfError) return error.message;
    throw error;
  } finally {
    release();
  }
}

export async function fetchPdfs(
  papers: readonly PdfPaper[],
  store: PdfStore,
  config: SourceConfig,
  environment: PdfFetchEnvironment,
  options: PdfFetchOptions = {},
): Promise<{ summary: PdfFetchSummary; cancelled: boolean }> {
  const summary: PdfFetchSummary = { downloaded: 0, skipped: 0, failed: [], bytes: 0, requests: 0 };
  const run: Run = {
    store,
    summary,
    reader: new PdfReader(),
    base: arxivPdfBaseUrl(environment.env),
    pacers: new PdfPacers(config, store.dataDir, environment.clock),
    environment,
    unreachable: new Map(),
    download: {
      userAgent: config.userAgent,
      timeoutMs: config.timeoutMs,
      maxBytes: environment.maxBytes ?? DEFAULT_MAX_PDF_BYTES,
      retry: { ...DEFAULT_RETRY_POLICY, retries: config.retries, ...environment.retry },
      clock: environment.clock ?? systemClock,
      fetch: environment.fetch ?? nodeTransport({ lookup: environment.lookup }),
      signal: options.signal,
      onRequest: () => {
        summary.requests += 1;
        options.onRequest?.();
      },
    },
  };
  const total = papers.length;
  try {
    for (const [index, paper] of papers.entries()) {
      if (options.signal?.aborted) return { summary, cancelled: true };
      if (store.keptBytes(paper.id) !== null) {
        summary.skipped += 1;
        options.onPaper?.(paper.id, { kept: 'already' });
        continue;
      }
      const progress = (message: string, finished: boolean) => options.onProgress?.({ done: index + (finished ? 1 : 0), total, message: `${paper.id}: ${message}` });
      const before = summary.bytes;
      const reason = await fetchOne(run, paper, progress);
      if (reason !== null) {
        summary.failed.push({ id: paper.id, reason });
        progress(reason, true);
        options.onPaper?.(paper.id, { kept: 'failed', reason });
      } else {
        options.onPaper?.(paper.id, { kept: 'downloaded', bytes: summary.bytes - before });
      }
    }
    return { summary, cancelled: false };
  } catch (error) {
    if (error instanceof PapershelfError && error.code === 'cancelled') return { summary, cancelled: true };
    throw error;
  } finally {
    await run.reader.close();
  }
}
