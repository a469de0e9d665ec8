/**
 * How long an open library's event loop is held when another device's segment arrives: device A
 * imports N papers, its folder is copied to device B's open corpus, and B calls
 * `reloadForeignSegments()` while a 5 ms timer measures the longest gap between its ticks.
 *
 *   node --import tsx test/bench/corpus-reload-bench.ts [papers=5000]
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corpus } from '../../src/search/corpus/corpus.ts';
import { DEVICE_ID_ENV } from '../../src/sync/device-identity.ts';
import { watchEventLoop } from '../helpers/event-loop-gaps.ts';
import { buildVocabulary, syntheticPapers } from './synthetic-library.ts';

const size = Number(process.argv[2] ?? 5000);
const root = mkdtempSync(join(tmpdir(), 'papershelf-reload-bench-'));
try {
  const a = join(root, 'a');
  const b = join(root, 'b');
  mkdirSync(join(a, 'sync/devices/laptop'), { recursive: true });
  mkdirSync(join(b, 'sync/devices/desktop'), { recursive: true });
  process.env[DEVICE_ID_ENV] = 'laptop';
  const laptop = await Corpus.open(a);
  const papers = syntheticPapers(buildVocabulary(), 0, size);
  for (let i = 0; i < papers.length; i += 5000) await laptop.commit({ upsert: papers.slice(i, i + 5000), remove: [] });
  await laptop.close();
  process.env[DEVICE_ID_ENV] = 'desktop';
  const desktop = await Corpus.open(b, { backgroundMerge: true });
  cpSync(join(a, 'sync/devices/laptop'), join(b, 'sync/devices/laptop'), { recursive: true });
  const watch = watchEventLoop(5);
  const started = performance.now();
  const reload = await desktop.reloadForeignSegments();
  const reloadMs = performance.now() - started;
  watch.stop();
  process.stdout.write(`${JSON.stringify({ papers: size, loaded: desktop.size, changed: reload.changed, reloadMs: Math.round(reloadMs), longestTickGapMs: Math.round(watch.maxGapMs()) })}\n`);
  await desktop.close();
} finally {
  rmSync(root, { recursive: true, force: true });
}
