/**
 * Moving a library's papers to the synced layout: what happens to `papers/` when a data folder is
 * migrated to `sync/devices/<id>/`. Call `migrateCorpusToDevice(dataDir, deviceId)` before anything
 * creates `sync/` (or with `sync/` already there: it forces the single-folder rules on `papers/`).
 *
 * The choice: `papers/` is NOT moved. Each migrating device links (or copies, where links are not
 * possible) the segments its own `papers/manifest.json` lists into `sync/devices/<id>/papers/` and
 * writes its own manifest there, listing them as its base (commit time 0). `papers/` stays where it
 * is and is read by every device as a read-only base with the lowest precedence; after migration no
 * new Papershelf writes it.
 *
 * Why: two devices that each had the library before both migrate, often offline. Moving `papers/`
 * under "the first device's folder" needs the devices to agree on who is first, which they cannot
 * while offline: both would move it, and the sync tool would then carry one device's deletion of
 * `papers/` to the other while its own not-yet-synced imports were still only there. Keeping
 * `papers/` alone as the shared base is right when both copies were identical, but loses papers when
 * they had diverged (each device imported something the other had not received: exactly the conflict
 * the layout exists to end). Copying each device's own view keeps everything in both cases: the
 * device folders never conflict, and the corpus reads the union, merging copies of one paper by
 * identity. Segment files are immutable, so a hard link costs no space on the device, and the reader
 * loads byte-identical segments (same size and checksum, listed by several devices or by `papers/`)
 * once, so an identical library migrated on ten devices is held in memory once.
 *
 * Crash safety: segment files are linked first, the device manifest is written last (atomically), so
 * a kill leaves either no device manifest (the next run starts again; `papers/` is untouched) or a
 * complete one. Running it again after success does nothing.
 */
import { copyFile, link, mkdir, readFile, stat, unlink } from 'node:fs/promises';
import { loadCorpus } from '../search/corpus/corpus-loader.ts';
import { devicePapersDir, DEVICE_MANIFEST_VERSION, readDeviceManifest, writeDeviceManifest, type DeviceManifest } from '../search/corpus/device-manifest.ts';
import { checksum, fileSize, papersDir, segmentPaths } from '../store/segment-files.ts';
import { readManifest } from '../store/segment-manifest.ts';

export interface CorpusMigrationResult {
  /** `already`: this device's papers manifest existed; nothing was done. */
  outcome: 'migrated' | 'already' | 'empty';
  /** Segments linked or copied into the device's folder. */
  segments: number;
  papers: number;
  /** Damage found (and repaired in `papers/`) before migrating, in words for the user. */
  problems: string[];
}

async function linkOrCopy(from: string, to: string): Promise<boolean> {
  const size = await fileSize(from);
  if (size === null) return false;
  const existing = await stat(to).catch(() => null);
  if (existing) {
    // Left by a migration killed before its manifest: same size is the same immutable file.
    if (existing.size === size) return true;
    await unlink(to);
  }
  try {
    await link(from, to);
  } catch {
    // Another file system, or one without hard links: a copy is as good (the files never change).
    await copyFile(from, to);
  }
  return true;
}

/**
 * Gives device `deviceId` its own papers manifest and segments in `sync/devices/<id>/papers/`, built
 * from the library's current `papers/` (upgraded and repaired first, as any open would).
 */
export async function migrateCorpusToDevice(dataDir: string, deviceId: string): Promise<CorpusMigrationResult> {
  const dir = devicePapersDir(dataDir, deviceId);
  const already = await readDeviceManifest(dir);
  if (already.kind !== 'missing') return { outcome: 'already', segments: 0, papers: 0, problems: [] };
  const problems: string[] = [];
  if ((await readManifest(papersDir(dataDir))).kind === 'missing') return { outcome: 'empty', segments: 0, papers: 0, problems };
  // The single-folder loader: upgrades an old format and repairs damage in papers/ before it is copied.
  const loaded = await loadCorpus(dataDir, new Map(), problems, true);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const source = papersDir(dataDir);
  let papers = 0;
  const manifest: DeviceManifest = {
    schemaVersion: DEVICE_MANIFEST_VERSION,
    device: deviceId,
    nextSegment: loaded.manifest.nextSegment,
    clock: 0,
    segments: [],
    removed: [],
  };
  for (const entry of loaded.manifest.segments) {
    const from = segmentPaths(source, entry.name);
    const to = segmentPaths(dir, entry.name);
    await linkOrCopy(from.papers, to.papers);
    await linkOrCopy(from.index, to.index);
    // The id table is optional (older segments have none); the reader falls back to the papers.
    await linkOrCopy(from.ids, to.ids);
    const papersCrc = entry.papersCrc ?? checksum(await readFile(to.papers));
    manifest.segments.push({ name: entry.name, papers: entry.papers, bytes: entry.bytes, papersCrc, masked: entry.masked, runs: [[entry.papers, 0]] });
    papers += entry.papers - entry.masked.length;
  }
  await writeDeviceManifest(dir, manifest);
  return { outcome: 'migrated', segments: manifest.segments.length, papers, problems };
}
