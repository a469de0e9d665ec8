/**
 * Where a paper's PDF comes from. arXiv papers: `<base>/pdf/<id>[vN]`, the base being
 * `PAPERSHELF_ARXIV_PDF_URL` or https://arxiv.org, paced with every other arXiv request of every
 * Papershelf process using the data folder (one limiter, one `.arxiv-pacing` file). Other papers:
 * their `pdfUrl` when it is http(s), paced per host within this process.
 */
import type { Clock } from '../sources/clock.ts';
import { RateLimiter, sharedArxivLimiter, type Pacer } from '../sources/rate-limiter.ts';
import { normalizeBaseUrl, type SourceConfig } from '../sources/source-config.ts';

export const DEFAULT_ARXIV_PDF_URL = 'https://arxiv.org';
/** Other hosts get one request a second from this process: polite without a rule to follow. */
const OTHER_HOST_INTERVAL_MS = 1000;

export function arxivPdfBaseUrl(env: NodeJS.ProcessEnv): string {
  const fromEnv = env.PAPERSHELF_ARXIV_PDF_URL?.trim();
  return fromEnv ? normalizeBaseUrl(fromEnv, 'PAPERSHELF_ARXIV_PDF_URL') : DEFAULT_ARXIV_PDF_URL;
}

/** What the fetcher needs to know of a paper. */
export interface PdfPaper {
  id: string;
  arxivId: string | null;
  /** The arXiv version the library knows, asked for by number so the PDF matches the metadata. */
  version: number | null;
  pdfUrl: string | null;
}

export interface PdfTarget {
  url: URL;
  /** Paced with the arXiv API client. */
  arxiv: boolean;
}

function isArxivHost(hostname: string): boolean {
  return hostname === 'arxiv.org' || hostname.endsWith('.arxiv.org');
}

/** Where to download the paper's PDF, or why there is nowhere to. */
export function pdfTarget(paper: PdfPaper, arxivBase: string): PdfTarget | { none: string } {
  if (paper.arxivId) {
    const version = paper.version === null ? '' : `v${paper.version}`;
    return { url: new URL(`${arxivBase}/pdf/${paper.arxivId}${version}`), arxiv: true };
  }
  if (!paper.pdfUrl) return { none: 'no PDF address is known for this paper (not on arXiv, no pdfUrl)' };
  let url: URL;
  try {
    url = new URL(paper.pdfUrl);
  } catch {
    return { none: `its pdfUrl "${paper.pdfUrl.slice(0, 100)}" is not an address` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { none: `its pdfUrl is not http(s) (${url.protocol})` };
  if (url.username || url.password) return { none: 'its pdfUrl carries a user name or password' };
  // An arxiv.org address goes to the configured arXiv base and through arXiv's spacing.
  if (isArxivHost(url.hostname)) return { url: new URL(`${arxivBase}${url.pathname}`), arxiv: true };
  return { url, arxiv: false };
}

/** The pacers of one run: arXiv's shared one (across processes unless a test clock is injected), one per other host. */
export class PdfPacers {
  private readonly others = new Map<string, RateLimiter>();
  private readonly arxiv: Pacer;

  constructor(
    config: Pick<SourceConfig, 'arxivIntervalMs'>,
    dataDir: string,
    private readonly clock?: Clock,
  ) {
    // A virtual clock's times mean nothing to another process: it is never paced through the folder.
    this.arxiv = clock ? new RateLimiter(config.arxivIntervalMs, clock) : sharedArxivLimiter(config.arxivIntervalMs, dataDir);
  }

  for(target: PdfTarget): Pacer {
    if (target.arxiv) return this.arxiv;
    let limiter = this.others.get(target.url.host);
    if (!limiter) {
      limiter = new RateLimiter(OTHER_HOST_INTERVAL_MS, this.clock);
      this.others.set(target.url.host, limiter);
    }
    return limiter;
  }
}
