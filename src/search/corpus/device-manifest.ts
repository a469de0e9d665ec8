/**
 * A device's own papers manifest in a synced data folder: `sync/devices/<id>/papers/manifest.json`.
 * Only that device writes it (replaced atomically), and only that device writes the segments it
 * lists, so a sync tool never sees one file changed on two machines. Besides the segment entries of
 * `papers/manifest.json` it records, per run of lines of each segment, when they were committed (a
 * clock that is never behind anything the device had read, so a device that saw a copy always
 * writes a newer one), and the ids this device removed (`removed`), which hide older copies held by
 * other devices' segments or the shared `papers/` base.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { NewerFormatError } from '../../model/errors.ts';
import { writeFileAtomic } from '../../store/atomic-write.ts';
import { MANIFEST_NAME } from '../../store/segment-manifest.ts';
import { PAPERS_DIR, SEGMENT_NAME_PATTERN } from '../../store/segment-paths.ts';
import { deviceDir } from '../../sync/sync-layout.ts';

export const DEVICE_MANIFEST_VERSION = 1;

const count = z.number().check(z.int(), z.gte(0));

const deviceSegmentSchema = z.object({
  name: z.string().check(z.regex(SEGMENT_NAME_PATTERN)),
  papers: count,
  bytes: z.object({ papers: count, index: count }),
  papersCrc: count,
  masked: z.array(z.string()),
  /** [lines, committedAt] runs covering the segment's lines in order (a merged segment has several). */
  runs: z.array(z.tuple([count, count])),
});

const deviceManifestSchema = z
  .object({
    schemaVersion: z.literal(DEVICE_MANIFEST_VERSION),
    device: z.string(),
    nextSegment: z.number().check(z.int(), z.gte(1)),
    /** The highest commit time this device has used. */
    clock: count,
    segments: z.array(deviceSegmentSchema),
    removed: z.array(z.object({ id: z.string(), at: count })),
  })
  .check(z.refine((m) => new Set(m.segments.map((s) => s.name)).size === m.segments.length, 'a segment is listed twice'));

export type DeviceSegmentEntry = z.infer<typeof deviceSegmentSchema>;
export type DeviceManifest = z.infer<typeof deviceManifestSchema>;

export type DeviceManifestRead =
  | { kind: 'missing' }
  | { kind: 'ok'; manifest: DeviceManifest; raw: string }
  | { kind: 'unreadable'; raw: string; detail: string };

/** `sync/devices/<id>/papers`. */
export function devicePapersDir(dataDir: string, deviceId: string): string {
  return join(deviceDir(dataDir, deviceId), PAPERS_DIR);
}

export function emptyDeviceManifest(deviceId: string): DeviceManifest {
  return { schemaVersion: DEVICE_MANIFEST_VERSION, device: deviceId, nextSegment: 1, clock: 0, segments: [], removed: [] };
}

export function parseDeviceManifest(raw: string): DeviceManifestRead {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { kind: 'unreadable', raw, detail: `not JSON (${(error as Error).message})` };
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > DEVICE_MANIFEST_VERSION) {
    throw new NewerFormatError(`${PAPERS_DIR}/${MANIFEST_NAME}`, version);
  }
  const parsed = deviceManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'unreadable', raw, detail: `${issue?.path.join('.') || 'manifest'}: ${issue?.message ?? 'invalid'}` };
  }
  return { kind: 'ok', manifest: parsed.data, raw };
}

export async function readDeviceManifest(dir: string): Promise<DeviceManifestRead> {
  let raw: string;
  try {
    raw = await readFile(join(dir, MANIFEST_NAME), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  return parseDeviceManifest(raw);
}

export async function writeDeviceManifest(dir: string, manifest: DeviceManifest): Promise<string> {
  const raw = `${JSON.stringify(manifest, null, 1)}\n`;
  await writeFileAtomic(join(dir, MANIFEST_NAME), raw);
  return raw;
}

/** The commit time of each line of a segment, from its runs (lines past the runs take the last time). */
export function lineTimes(runs: ReadonlyArray<readonly [number, number]>): (line: number) => number {
  if (runs.length === 1) {
    const only = runs[0]![1];
    return () => only;
  }
  const ends: number[] = [];
  let end = 0;
  for (const [lines] of runs) ends.push((end += lines));
  return (line) => {
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! > line) hi = mid;
      else lo = mid + 1;
    }
    return runs[lo]?.[1] ?? 0;
  };
}
