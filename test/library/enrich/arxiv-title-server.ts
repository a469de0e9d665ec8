/**
 * A stand-in for arXiv's title search on 127.0.0.1: it answers `ti:"…" OR ti:"…"` queries the way
 * arXiv does (a phrase matches a title containing its words in order, punctuation and TeX ignored),
 * with Atom bodies in the recorded format (the recorded feed's header, entries laid out like
 * arXiv's), and an arXiv error feed for a query it cannot parse. Every request is logged.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface FakeArxivPaper {
  id: string;
  version?: number;
  title: string;
  authors: string[];
  /** `YYYY-MM-DD` of version 1. */
  published: string;
  updated?: string;
  summary: string;
  categories: string[];
}

export interface TitleServer {
  url: string;
  requests: { searchQuery: string; maxResults: number; sortBy: string | null; userAgent: string | undefined }[];
  close(): Promise<void>;
}

// Read without the vitest helpers, so the benchmark script can serve it too.
const RECORDED = readFileSync(fileURLToPath(new URL('../../../../shared/fixtures/arxiv-query-testing.xml', import.meta.url)), 'utf8');
const HEADER = RECORDED.slice(0, RECORDED.indexOf('<entry>'));

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** arXiv hard-wraps long titles at about 80 columns with two-space indents. */
function wrapped(title: string): string {
  return escapeXml(title).replace(/(.{60,}?) /g, '$1\n  ');
}

export function atomEntry(paper: FakeArxivPaper): string {
  const v = paper.version ?? 1;
  const time = (day: string) => `${day}T17:59:58Z`;
  const authors = paper.authors.map((name) => `    <author>\n      <name>${escapeXml(name)}</name>\n    </author>`).join('\n');
  const categories = paper.categories.map((term) => `    <category term="${term}" scheme="http://arxiv.org/schemas/atom"/>`).join('\n');
  return `<entry>
    <id>http://arxiv.org/abs/${paper.id}v${v}</id>
    <title>${wrapped(paper.title)}</title>
    <updated>${time(paper.updated ?? paper.published)}</updated>
    <link href="https://arxiv.org/abs/${paper.id}v${v}" rel="alternate" type="text/html"/>
    <link href="https://arxiv.org/pdf/${paper.id}v${v}" rel="related" type="application/pdf" title="pdf"/>
    <summary>${escapeXml(paper.summary)}</summary>
${categories}
    <published>${time(paper.published)}</published>
    <arxiv:primary_category term="${paper.categories[0] ?? 'cs.LG'}"/>
${authors}
  </entry>`;
}

export function atomFeed(entries: string[], start = 0): string {
  const header = HEADER.replace(/(<opensearch:totalResults>)\d+/, `$1${entries.length}`)
    .replace(/(<opensearch:startIndex>)\d+/, `$1${start}`)
    .replace(/(<opensearch:itemsPerPage>)\d+/, `$1${entries.length}`);
  return `${header}${entries.join('\n  ')}\n</feed>\n`;
}

const ERROR_FEED = `${HEADER.replace(/(<opensearch:totalResults>)\d+/, '$11')}<entry>
    <id>http://arxiv.org/api/errors#malformed_query</id>
    <title>Error</title>
    <summary>malformed query</summary>
    <updated>2026-04-12T00:00:00-04:00</updated>
    <link href="http://arxiv.org/api/errors#malformed_query" rel="alternate" type="text/html"/>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>
</feed>
`;

function words(text: string): string[] {
  return text
    .replace(/\\[a-zA-Z]+/g, ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function containsPhrase(title: string[], phrase: string[]): boolean {
  for (let at = 0; at + phrase.length <= title.length; at++) {
    if (phrase.every((word, i) => title[at + i] === word)) return true;
  }
  return false;
}

/** The phrases of `ti:"a" OR ti:"b"`, or null when the query is not in that form. */
function phrases(searchQuery: string): string[][] | null {
  const parts = searchQuery.split(' OR ');
  const out: string[][] = [];
  for (const part of parts) {
    const match = /^ti:"([^"]*)"$/.exec(part);
    if (!match?.[1]) return null;
    out.push(words(match[1]));
  }
  return out;
}

export async function startTitleServer(papers: FakeArxivPaper[]): Promise<TitleServer> {
  const requests: TitleServer['requests'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const searchQuery = url.searchParams.get('search_query') ?? '';
    const maxResults = Number(url.searchParams.get('max_results') ?? 10);
    requests.push({ searchQuery, maxResults, sortBy: url.searchParams.get('sortBy'), userAgent: req.headers['user-agent'] });
    const asked = url.pathname === '/api/query' ? phrases(searchQuery) : null;
    let body = ERROR_FEED;
    if (asked) {
      const found = papers.filter((paper) => asked.some((phrase) => containsPhrase(words(paper.title), phrase)));
      body = atomFeed(found.slice(0, maxResults).map(atomEntry));
    }
    res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
