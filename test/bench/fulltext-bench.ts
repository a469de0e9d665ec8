/**
 * `npm run bench:fulltext -- [--papers 50000] [--pdfs 1000] [--pages 15] [--rounds 5]`
 * Search inside kept PDFs, measured:
 * 1. pdf.js text extraction in its worker and indexing, per page and per MB (generated PDFs with
 *    known text), and the process's memory while a 50-page PDF is read;
 * 2. search p50/p95 over a synthetic library of N papers of which `--pdfs` have a kept PDF of
 *    `--pages` pages of synthetic text (the texts are written directly: pdf.js is measured in 1),
 *    with and without searching inside PDFs, in the library (CLI) and in the window's search service.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Library } from '../../src/library/library.ts';
import { pdfFileName } from '../../src/pdfs/pdf-store.ts';
import { PdfReader } from '../../src/pdfs/read-pdf-in-worker.ts';
import { Corpus } from '../../src/search/corpus/corpus.ts';
import { documentText, makeRecord, stampOf, textPath } from '../../src/search/fulltext/fulltext-files.ts';
import { searchLibrary } from '../../src/search/fulltext/fulltext-library.ts';
import { updateFulltext } from '../../src/search/fulltext/fulltext-update.ts';
import { buildIndex } from '../../src/search/index/segment-index-build.ts';
import { SearchService } from '../../src/window-host/search-service.ts';
import { makePdf } from '../pdfs/make-pdf.ts';
import { QUERY_SET } from './query-set.ts';
import { buildVocabulary, seededRandom, syntheticPapers, type Vocabulary } from './synthetic-library.ts';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const log = (message: string) => process.stderr.write(`[bench:fulltext] ${message}\n`);
const mb = (bytes: number) => bytes / 1_000_000;

/** A page of a paper: ~40 lines of Zipf-sampled words (~3,000 characters). */
function pageLines(vocabulary: Vocabulary, random: () => number, lines = 40): string[] {
  const { words, cumulative } = vocabulary;
  const total = cumulative[cumulative.length - 1]!;
  const word = () => {
    const target = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!.replace(/[()\\]/g, '');
  };
  return Array.from({ length: lines }, () => Array.from({ length: 12 }, word).join(' '));
}

async function extraction(vocabulary: Vocabulary): Promise<string[]> {
  const random = seededRandom(7);
  const reader = new PdfReader();
  await reader.readText(makePdf({ pages: [['warm up']] }));
  const rows = ['| PDF | pages | size | extract ms | per page | per MB | index ms | per page | peak RSS growth while extracting |', '|---|---|---|---|---|---|---|---|---|'];
  for (const pages of [1, 15, 50]) {
    const pdf = makePdf({ pages: Array.from({ length: pages }, () => pageLines(vocabulary, random)) });
    const times: number[] = [];
    let peak = 0;
    let text: string[] = [];
    for (let round = 0; round < 3; round++) {
      global.gc?.();
      const base = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss - base)), 5);
      const started = performance.now();
      text = (await reader.readText(pdf)).pages;
      times.push(performance.now() - started);
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss - base);
    }
    const extract = Math.min(...times);
    const started = performance.now();
    buildIndex(['fulltext'], ['x'], () => [documentText(text)]);
    const index = performance.now() - started;
    rows.push(`| generated, ${text.join('').length.toLocaleString('en')} chars | ${pages} | ${(pdf.length / 1024).toFixed(0)} KB | ${extract.toFixed(0)} | ${(extract / pages).toFixed(1)} | ${(extract / mb(pdf.length)).toFixed(0)} | ${index.toFixed(1)} | ${(index / pages).toFixed(2)} | ${(peak / 1024 / 1024).toFixed(0)} MB |`);
  }
  await reader.close();
  return rows;
}

async function library(vocabulary: Vocabulary, papers: number, pdfs: number, pages: number): Promise<string> {
  const dir = join(REPO, `.tmp/bench-fulltext/${papers}-${pdfs}-${pages}`);
  if (existsSync(join(dir, 'complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'pdfs'), { recursive: true });
  mkdirSync(join(dir, 'fulltext'), { recursive: true });
  log(`generating ${papers} papers in ${dir}`);
  const corpus = await Corpus.open(dir, { backgroundMerge: false });
  for (let from = 0; from < papers; from += 5000) await corpus.commit({ upsert: syntheticPapers(vocabulary, from, Math.min(5000, papers - from)), remove: [] });
  await corpus.close();
  log(`writing ${pdfs} PDFs of ${pages} pages of text`);
  const random = seededRandom(11);
  const stub = makePdf({ pages: [['a kept PDF']] });
  // Every 50th paper has a PDF, so PDFs spread over the library's segments.
  for (const paper of syntheticPapers(vocabulary, 0, papers).filter((_, n) => n % Math.max(1, Math.floor(papers / pdfs)) === 0).slice(0, pdfs)) {
    const path = join(dir, 'pdfs', pdfFileName(paper.id));
    writeFileSync(path, stub);
    const text = Array.from({ length: pages }, () => pageLines(vocabulary, random).join('\n'));
    writeFileSync(textPath(dir, pdfFileName(paper.id)), JSON.stringify(makeRecord(stampOf(path)!, text, null)));
  }
  writeFileSync(join(dir, 'complete'), 'yes\n');
  return dir;
}

function percentile(times: number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed(rounds: number, run: (query: string) => unknown): Promise<{ p50: number; p95: number; max: number }> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const { query } of QUERY_SET) {
      const started = performance.now();
      await run(query);
      times.push(performance.now() - started);
    }
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
}

async function main(): Promise<void> {
  const papers = option('papers', 50_000);
  const pdfs = option('pdfs', 1000);
  const pages = option('pages', 15);
  const rounds = option('rounds', 5);
  const vocabulary = buildVocabulary();
  const lines: string[] = [`## Full-text search (Node ${process.version})`, '', '### Extraction (pdf.js in its worker) and indexing', ''];
  lines.push(...(await extraction(vocabulary)));
  const dir = await library(vocabulary, papers, pdfs, pages);
  rmSync(join(dir, 'fulltext', 'index.json'), { force: true });
  const started = performance.now();
  const summary = await updateFulltext(dir);
  const indexing = performance.now() - started;
  lines.push('', `### ${papers.toLocaleString('en')} papers, ${summary.searchable} PDFs (${(summary.searchable * pages).toLocaleString('en')} pages)`, '');
  lines.push(`Indexing every PDF's text (texts already extracted): ${(indexing / 1000).toFixed(1)} s, ${(summary.indexMs / (summary.searchable * pages)).toFixed(2)} ms per page.`, '');
  const lib = await Library.open(dir);
  await lib.loaded();
  lines.push('| where | searching | p50 ms | p95 ms | max ms |', '|---|---|---|---|---|');
  for (const fulltext of [false, true]) {
    await timed(1, (query) => searchLibrary(lib, { query, fulltext, limit: 50 }, {}));
    const figures = await timed(rounds, (query) => searchLibrary(lib, { query, fulltext, limit: 50 }, {}));
    lines.push(`| library (CLI, serve without worker) | ${fulltext ? 'papers + inside PDFs' : 'papers'} | ${figures.p50.toFixed(1)} | ${figures.p95.toFixed(1)} | ${figures.max.toFixed(1)} |`);
  }
  await lib.close();
  const service = await SearchService.open(dir, false);
  await service.phrasesPrepared();
  for (const fulltext of [false, true]) {
    await timed(1, (query) => service.search({ query, fulltext, limit: 50 }));
    const figures = await timed(rounds, (query) => service.search({ query, fulltext, limit: 50 }));
    lines.push(`| window's search service | ${fulltext ? 'papers + inside PDFs' : 'papers'} | ${figures.p50.toFixed(1)} | ${figures.p95.toFixed(1)} | ${figures.max.toFixed(1)} |`);
  }
  service.close();
  lines.push('', `${QUERY_SET.length} queries × ${rounds} rounds (test/bench/query-set.ts), 50 hits a page.`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
