/**
 * `node --import tsx test/bench/sync-library-bench.ts [--papers 5000] [--devices 1,3,10]`
 *
 * A synced library as the CLI opens it: every device's files merged, the notes' Markdown files checked
 * against the merged text (and written on the first open). For each device count, a library of
 * `papers` annotated papers with ~2 KB notes (device-0 made them, each other device 200 edits) is
 * opened by the real `papershelf` bundle: `stats --json` twice (the first writes the notes' files),
 * `devices --json`; wall time and peak RSS of each process, and the folder's size.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYNC_MARKER_TEXT } from '../../src/sync/sync-marker.ts';
import { syncSetupPhase } from './crdt-phases.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(REPO, 'build/cli/papershelf.mjs');

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

function bytesUnder(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name)), 0);
}

/** Wall ms and peak RSS (MB, from GNU time) of one CLI run. */
function run(dir: string, args: string[]): { ms: number; rssMB: number } {
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, CLI, '--data-dir', dir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PAPERSHELF_DEVICE_ID: 'device-0', PAPERSHELF_DATA_DIR: '' },
  });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`papershelf ${args.join(' ')} failed: ${child.stderr}`);
  const kb = Number(child.stderr.trim().split('\n').pop());
  return { ms: Math.round(ms), rssMB: Math.round(kb / 1024) };
}

const papers = Number(option('--papers', '5000'));
const deviceCounts = option('--devices', '1,3,10').split(',').map(Number);
console.log(`${papers} annotated papers with notes; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| devices | first open (writes notes/) ms | open ms | peak RSS MB | devices --json ms | sync/ MB | notes/ MB |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const devices of deviceCounts) {
  const dir = mkdtempSync(join(tmpdir(), 'papershelf-sync-bench-'));
  try {
    await syncSetupPhase({ papers, devices, dir });
    writeFileSync(join(dir, 'annotations.json'), SYNC_MARKER_TEXT);
    const first = run(dir, ['stats', '--json']);
    const again = run(dir, ['stats', '--json']);
    const listed = run(dir, ['devices', '--json']);
    const mb = (path: string) => (bytesUnder(join(dir, path)) / 1024 / 1024).toFixed(1);
    console.log(`| ${devices} | ${first.ms} | ${again.ms} | ${Math.max(first.rssMB, again.rssMB)} | ${listed.ms} | ${mb('sync')} | ${mb('notes')} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
