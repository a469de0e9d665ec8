/**
 * Opening a synced library's papers: time and memory to open the corpus of a data folder whose papers
 * were imported on 1, 3 or 10 devices (the union of their manifests and segments) against the same
 * papers in the single-folder layout. Each open runs in a child process (best of 3 for time; memory
 * after a full collection).
 *
 *   node --import tsx test/bench/corpus-devices-bench.ts [--sizes 5000,50000] [--devices 1,3,10]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredPaper } from '../../src/model/paper.ts';
import { Corpus } from '../../src/search/corpus/corpus.ts';
import { DEVICE_ID_ENV } from '../../src/sync/device-identity.ts';
import { memoryAfterGc } from './bench-measure.ts';
import { buildVocabulary, syntheticPapers } from './synthetic-library.ts';

const IMPORT_BATCH = 5000;

function option(name: string, fallback: number[]): number[] {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : process.argv[at + 1]!.split(',').map(Number);
}

async function importAs(dataDir: string, deviceId: string | null, papers: StoredPaper[]): Promise<void> {
  if (deviceId) process.env[DEVICE_ID_ENV] = deviceId;
  const corpus = await Corpus.open(dataDir);
  for (let i = 0; i < papers.length; i += IMPORT_BATCH) await corpus.commit({ upsert: papers.slice(i, i + IMPORT_BATCH), remove: [] });
  await corpus.close();
  delete process.env[DEVICE_ID_ENV];
}

/** The papers split into `devices` consecutive parts, each imported by its own device. */
async function buildFolder(root: string, papers: StoredPaper[], devices: number): Promise<string> {
  const dataDir = join(root, `${papers.length}-${devices === 0 ? 'single' : `${devices}-devices`}`);
  if (devices === 0) {
    await importAs(dataDir, null, papers);
    return dataDir;
  }
  const part = Math.ceil(papers.length / devices);
  for (let d = 0; d < devices; d++) mkdirSync(join(dataDir, 'sync', 'devices', `device-${d}`), { recursive: true });
  for (let d = 0; d < devices; d++) await importAs(dataDir, `device-${d}`, papers.slice(d * part, (d + 1) * part));
  return dataDir;
}

/** Child process: opens the corpus once and prints what it cost. */
async function measureOpen(dataDir: string, deviceId: string): Promise<void> {
  if (deviceId !== '-') process.env[DEVICE_ID_ENV] = deviceId;
  const before = memoryAfterGc();
  const started = performance.now();
  const corpus = await Corpus.open(dataDir);
  await corpus.whenLoaded();
  const openMs = performance.now() - started;
  const searchStarted = performance.now();
  const total = corpus.search('learning model').total;
  const searchMs = performance.now() - searchStarted;
  const after = memoryAfterGc();
  const size = corpus.size;
  await corpus.close();
  const heldMB = after.heapMB + after.externalMB - before.heapMB - before.externalMB;
  process.stdout.write(`${JSON.stringify({ openMs, searchMs, heldMB, size, total })}\n`);
}

interface Measured {
  openMs: number;
  searchMs: number;
  heldMB: number;
  size: number;
}

function measure(dataDir: string, deviceId: string): Measured {
  const runs: Measured[] = [];
  for (let i = 0; i < 3; i++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', import.meta.filename, 'measure', dataDir, deviceId], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`measuring ${dataDir} failed: ${child.stderr}`);
    runs.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Measured);
  }
  const best = (key: 'openMs' | 'searchMs') => Math.min(...runs.map((run) => run[key]));
  return { openMs: best('openMs'), searchMs: best('searchMs'), heldMB: Math.min(...runs.map((run) => run.heldMB)), size: runs[0]!.size };
}

async function main(): Promise<void> {
  if (process.argv[2] === 'measure') return measureOpen(process.argv[3]!, process.argv[4]!);
  const sizes = option('--sizes', [5000, 50000]);
  const deviceCounts = option('--devices', [1, 3, 10]);
  const root = mkdtempSync(join(tmpdir(), 'papershelf-devices-bench-'));
  const vocabulary = buildVocabulary();
  const rows: string[] = ['| papers | layout | open (ms) | × single | memory held (MB) | × single | search (ms) |', '|---:|---|---:|---:|---:|---:|---:|'];
  try {
    for (const size of sizes) {
      const papers = syntheticPapers(vocabulary, 0, size);
      const single = measure(await buildFolder(root, papers, 0), '-');
      rows.push(`| ${size} | single folder | ${single.openMs.toFixed(0)} | 1.00 | ${single.heldMB.toFixed(1)} | 1.00 | ${single.searchMs.toFixed(1)} |`);
      for (const devices of deviceCounts) {
        const result = measure(await buildFolder(root, papers, devices), 'device-0');
        if (result.size !== single.size) throw new Error(`${devices} devices hold ${result.size} papers, the single folder ${single.size}`);
        rows.push(
          `| ${size} | ${devices} device${devices === 1 ? '' : 's'} | ${result.openMs.toFixed(0)} | ${(result.openMs / single.openMs).toFixed(2)} | ${result.heldMB.toFixed(1)} | ${(result.heldMB / single.heldMB).toFixed(2)} | ${result.searchMs.toFixed(1)} |`,
        );
      }
      process.stdout.write(`${rows.join('\n')}\n\n`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
