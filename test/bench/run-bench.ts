/**
 * `npm run bench -- --papers N [--queries FILE] [--json OUT] [--no-stock | --stock-from EARLIER.json] [--keep]`
 * Generates a deterministic synthetic library of N papers (plus 1,000 to import), then measures
 * stock Lunr and Papershelf on it in the same run, each phase in a fresh child process, prints a
 * table and writes the figures as JSON. --no-stock skips stock Lunr (it needs ~3.3 GiB at 100,000).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { QueryOutcome } from './bench-measure.ts';
import { formatReport, type BenchResults } from './bench-report.ts';
import { pathologicalQueries, QUERY_SET, readQueryFile } from './query-set.ts';
import { buildVocabulary, syntheticPapers } from './synthetic-library.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const CHILD = join(HERE, 'bench-child.ts');
const IMPORT_BATCH = 1000;
const WRITES = 100;
const SMALL_LIBRARY = 1000;
const NODE_FLAGS = ['--expose-gc', '--max-old-space-size=8192'];

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Serving phases run from one bundled file, as a shipped app would load its code; null: use tsx. */
async function bundleChild(work: string): Promise<string | null> {
  const outdir = join(work, 'bundle');
  try {
    const options = { bundle: true, splitting: true, platform: 'node', format: 'esm', target: 'node20', outExtension: { '.js': '.mjs' } } as const;
    await build({ ...options, entryPoints: [CHILD], outdir, logLevel: 'silent' });
    return join(outdir, 'bench-child.mjs');
  } catch (error) {
    log(`bundling failed (${(error as Error).message}); serving phases run through tsx`);
    return null;
  }
}

/** Stock Lunr can take minutes on `*`; such a query is stopped after this long and reported as such. */
const STOCK_QUERY_TIMEOUT_MS = 120_000;

function runPhase<T>(work: string, phase: string, args: unknown, bundle: string | null = null, timeoutMs = 0): Promise<T> {
  const argsFile = join(work, `${phase}-${Date.now()}.json`);
  writeFileSync(argsFile, JSON.stringify(args));
  const command = bundle ? [...NODE_FLAGS, bundle, phase, argsFile] : [...NODE_FLAGS, '--import', 'tsx', CHILD, phase, argsFile];
  log(`${phase}…`);
  return new Promise((resolvePhase, reject) => {
    const child = spawn(process.execPath, command, { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = timeoutMs > 0 ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : null;
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) return reject(new Error(`${phase} failed (exit ${code}): ${stdout.slice(-2000)}`));
      resolvePhase(JSON.parse(line.slice('RESULT '.length)) as T);
    });
  });
}

function writeJsonl(path: string, papers: unknown[]): void {
  writeFileSync(path, papers.map((paper) => `${JSON.stringify(paper)}\n`).join(''));
}

async function main(): Promise<void> {
  const papers = Number(option('papers') ?? 1000);
  if (!Number.isInteger(papers) || papers < 100) throw new Error('--papers must be an integer of at least 100');
  const queriesFile = option('queries');
  const queries = queriesFile ? readQueryFile(queriesFile) : QUERY_SET;
  const withStock = !process.argv.includes('--no-stock');
  const work = mkdtempSync(join(tmpdir(), 'papershelf-bench-'));
  try {
    log(`generating ${papers} + ${IMPORT_BATCH} papers in ${work}`);
    const vocabulary = buildVocabulary();
    const library = syntheticPapers(vocabulary, 0, papers);
    const batch = syntheticPapers(vocabulary, papers, IMPORT_BATCH);
    const files = { papers: join(work, 'papers.jsonl'), batch: join(work, 'import.jsonl'), small: join(work, 'small.jsonl') };
    writeJsonl(files.papers, library);
    writeJsonl(files.batch, batch);
    writeJsonl(files.small, library.slice(0, SMALL_LIBRARY));
    const writeIds = library.filter((_, i) => i % Math.floor(papers / WRITES) === 0).slice(0, WRITES).map((p) => p.id);
    const smallIds = library.slice(0, SMALL_LIBRARY).filter((_, i) => i % Math.floor(SMALL_LIBRARY / WRITES) === 0).map((p) => p.id);
    const pathological = pathologicalQueries(library[0]!.abstract);
    library.length = 0;
    const bundle = await bundleChild(work);
    const dirs = { big: join(work, 'library'), small: join(work, 'small-library') };
    for (const dir of Object.values(dirs)) mkdirSync(dir);
    const indexFile = join(work, 'stock-index.json');
    const results: BenchResults = { papers, queriesFile: queriesFile ?? null, when: new Date().toISOString(), load: `load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}` } as BenchResults;
    const stockFrom = option('stock-from');
    if (stockFrom) {
      // Stock Lunr's figures from an earlier run on the same synthetic library (it takes ~30 minutes at 50,000).
      const earlier = JSON.parse(readFileSync(stockFrom, 'utf8')) as BenchResults;
      if (earlier.papers !== papers || !earlier.stockServe) throw new Error(`${stockFrom} has no stock Lunr figures for ${papers} papers`);
      Object.assign(results, { stockBuild: earlier.stockBuild, stockServe: earlier.stockServe, stockPathological: earlier.stockPathological });
      log(`stock Lunr figures from ${stockFrom} (${earlier.when}, ${earlier.load})`);
    } else if (withStock) {
      results.stockBuild = await runPhase(work, 'stock-build', { papersFile: files.papers, indexFile });
      results.stockServe = await runPhase(work, 'stock-serve', { papersFile: files.papers, indexFile, queries }, bundle);
      results.stockPathological = [];
      for (const { label, query } of pathological) {
        const outcome = await runPhase<QueryOutcome>(work, 'stock-query', { indexFile, label, query }, bundle, STOCK_QUERY_TIMEOUT_MS).catch(
          (): QueryOutcome => ({ query, kind: label, times: [STOCK_QUERY_TIMEOUT_MS], total: 0, top: [], error: `stopped after ${STOCK_QUERY_TIMEOUT_MS / 1000} s` }),
        );
        results.stockPathological.push(outcome);
      }
      rmSync(indexFile, { force: true });
    }
    results.oursBuild = await runPhase(work, 'ours-build', { papersFile: files.papers, dataDir: dirs.big });
    results.oursServe = await runPhase(work, 'ours-serve', { dataDir: dirs.big, queries, pathological }, bundle);
    results.oursIndexOnly = await runPhase(work, 'ours-index-only', { dataDir: dirs.big }, bundle);
    results.oursWorker = await runPhase(work, 'ours-worker', { dataDir: dirs.big, queries }, bundle);
    results.oursLibrary = await runPhase(work, 'ours-library', { dataDir: dirs.big, importFile: files.batch, writeIds });
    await runPhase(work, 'ours-build', { papersFile: files.small, dataDir: dirs.small });
    results.oursSmallLibrary = await runPhase(work, 'ours-library', { dataDir: dirs.small, importFile: null, writeIds: smallIds });
    const report = formatReport(results);
    process.stdout.write(`${report.table}\n`);
    const out = option('json');
    if (out) writeFileSync(out, `${JSON.stringify({ ...results, summary: report.summary }, null, 1)}\n`);
  } finally {
    if (process.argv.includes('--keep')) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

await main();
