/**
 * `npm run bench:cli [-- --json FILE] [--sizes 5000,50000] [--runs 5]`
 * How fast the bundled `papershelf` command starts, as a ratio to a bare `node -e ""` measured in the
 * same run (best of N each, interleaved so that machine load hits both alike): `--help`; `star`,
 * `tag` and `show --json` on synthetic libraries of 5,000 and 50,000 papers (these must not depend on
 * the library's size); `search` cold on the largest. Libraries are generated once into
 * .tmp/bench-cli/ (by the current code, so their segments have id sidecars) and reused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Corpus } from '../../src/search/corpus/corpus.ts';
import { buildVocabulary, syntheticPapers } from './synthetic-library.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Built for the benchmark alone (two folders down, like build/cli), so no other build replaces it mid-run. */
const OUTDIR = 'build/cli-bench';
const BIN = join(REPO, OUTDIR, 'papershelf.mjs');
const CACHE = join(REPO, '.tmp/bench-cli');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const SIZES = (option('sizes') ?? '5000,50000').split(',').map(Number);
const RUNS = Number(option('runs') ?? 5);
const TARGETS: Record<string, number> = { help: 3, star: 5, tag: 5, show: 5 };

function log(message: string): void {
  process.stderr.write(`[bench:cli ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** A library of `size` synthetic papers, built once (with the current segment format) and reused. */
async function library(size: number): Promise<string> {
  const dir = join(CACHE, String(size));
  const papersDir = join(dir, 'papers');
  const complete = existsSync(join(dir, 'complete')) && readdirSync(papersDir).some((name) => name.endsWith('.ids'));
  if (complete) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`generating a library of ${size} papers in ${dir}`);
  const vocabulary = buildVocabulary();
  const corpus = await Corpus.open(dir, { backgroundMerge: false });
  const batch = 5000;
  for (let from = 0; from < size; from += batch) {
    await corpus.commit({ upsert: syntheticPapers(vocabulary, from, Math.min(batch, size - from)), remove: [] });
  }
  await corpus.close();
  writeFileSync(join(dir, 'complete'), `${size}\n`);
  return dir;
}

interface Case {
  name: string;
  args: string[];
  /** Key of the ratio target, if the case has one. */
  target?: string;
  papers?: number;
}

function runOnce(args: string[]): number {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, PAPERSHELF_DATA_DIR: '' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0) throw new Error(`${args.slice(1).join(' ')} failed (${child.status}): ${child.stderr.trim().split('\n')[0]}`);
  return ms;
}

async function main(): Promise<void> {
  const built = spawnSync(process.execPath, [join(REPO, 'build.mjs'), 'cli', '--quiet', '--cli-outdir', OUTDIR], { cwd: REPO, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`the CLI bundle does not build: ${built.stderr.trim().split('\n')[0]}`);
  const cases: Case[] = [{ name: 'papershelf --help', args: [BIN, '--help'], target: 'help' }];
  for (const size of SIZES) {
    const dir = await library(size);
    // A paper in the oldest segment: the id lookup reads every newer sidecar first.
    const id = syntheticPapers(buildVocabulary(), 0, 1)[0]!.id;
    const base = [BIN, '--data-dir', dir];
    cases.push(
      { name: `star (${size})`, args: [...base, 'star', id], target: 'star', papers: size },
      { name: `tag (${size})`, args: [...base, 'tag', id, 'bench'], target: 'tag', papers: size },
      { name: `show --json (${size})`, args: [...base, 'show', id, '--json'], target: 'show', papers: size },
    );
    if (size === Math.max(...SIZES)) cases.push({ name: `search cold (${size})`, args: [...base, 'search', 'reward', 'model'], papers: size });
  }
  const bare = ['-e', ''];
  const best = new Map<string, number>([['node -e ""', Infinity]]);
  for (const c of cases) best.set(c.name, Infinity);
  log(`measuring, best of ${RUNS} (load average ${loadavg()[0]!.toFixed(2)})`);
  for (let run = 0; run < RUNS; run++) {
    for (const c of cases) {
      best.set('node -e ""', Math.min(best.get('node -e ""')!, runOnce(bare)));
      best.set(c.name, Math.min(best.get(c.name)!, runOnce(c.args)));
    }
  }
  const node = best.get('node -e ""')!;
  const rows = [{ name: 'node -e ""', ms: node, ratio: 1, target: null as number | null, ok: null as boolean | null }];
  for (const c of cases) {
    const ms = best.get(c.name)!;
    const target = c.target ? TARGETS[c.target]! : null;
    rows.push({ name: c.name, ms, ratio: ms / node, target, ok: target === null ? null : ms / node <= target });
  }
  const lines = ['| command | best of ' + RUNS + ' (ms) | × node -e "" | target |', '|---|---:|---:|---|'];
  for (const row of rows) {
    const target = row.target === null ? (row.name === 'node -e ""' ? '' : 'report') : `≤ ${row.target}× ${row.ok ? 'met' : 'MISSED'}`;
    lines.push(`| ${row.name} | ${row.ms.toFixed(0)} | ${row.ratio.toFixed(2)} | ${target} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const jsonFile = option('json');
  if (jsonFile) {
    writeFileSync(jsonFile, `${JSON.stringify({ node: process.version, loadAverage: loadavg()[0], runs: RUNS, rows }, null, 2)}\n`);
    log(`wrote ${jsonFile}`);
  }
}

await main();
