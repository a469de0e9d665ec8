/**
 * `papers/manifest.json`: which segments are live and which of their papers are masked (replaced by
 * a newer segment, or removed). It is the single commit point of the corpus: segment files are
 * written first, then the manifest is replaced atomically, so a crash leaves the old or the new state.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { writeFileAtomic } from './atomic-write.ts';
import { SEGMENT_NAME_PATTERN } from './segment-paths.ts';

export const MANIFEST_NAME = 'manifest.json';
/**
 * 2: segment indexes are `seg-NNNN.idx` and entries record their paper file's checksum. A version 1
 * library (Lunr JSON indexes) is upgraded on open by re-indexing its segments (corpus-upgrade.ts).
 */
export const MANIFEST_SCHEMA_VERSION = 2;
export const LEGACY_MANIFEST_VERSION = 1;

const count = z.number().check(z.int(), z.gte(0));

const segmentEntrySchema = z.object({
  name: z.string().check(z.regex(SEGMENT_NAME_PATTERN)),
  /** Lines in the .jsonl; with the byte sizes, tells a truncated or replaced file from the real one. */
  papers: count,
  bytes: z.object({ papers: count, index: count }),
  /** CRC-32 of the .jsonl: when it matches, the papers are read without validating each again. */
  papersCrc: z.optional(count),
  /** Ids whose copy in this segment is no longer live. */
  masked: z.array(z.string()),
});

const manifestSchema = z
  .object({
    schemaVersion: z.union([z.literal(MANIFEST_SCHEMA_VERSION), z.literal(LEGACY_MANIFEST_VERSION)]),
    /** Segment numbers are never reused, so a stale reader can never mistake a new file for an old one. */
    nextSegment: z.number().check(z.int(), z.gte(1)),
    /** Oldest first. */
    segments: z.array(segmentEntrySchema),
  })
  .check(z.refine((m) => new Set(m.segments.map((s) => s.name)).size === m.segments.length, 'a segment is listed twice'));

export type SegmentEntry = z.infer<typeof segmentEntrySchema>;
export type Manifest = z.infer<typeof manifestSchema>;

export function emptyManifest(): Manifest {
  return { schemaVersion: MANIFEST_SCHEMA_VERSION, nextSegment: 1, segments: [] };
}

export type ManifestRead =
  | { kind: 'missing' }
  | { kind: 'ok'; manifest: Manifest; raw: string }
  | { kind: 'corrupt'; raw: string; detail: string };

export function manifestPath(papersDir: string): string {
  return join(papersDir, MANIFEST_NAME);
}

export function parseManifest(raw: string): ManifestRead {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { kind: 'corrupt', raw, detail: `not JSON (${(error as Error).message})` };
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'corrupt', raw, detail: `${issue?.path.join('.') || 'manifest'}: ${issue?.message ?? 'invalid'}` };
  }
  return { kind: 'ok', manifest: parsed.data, raw };
}

export async function readManifest(papersDir: string): Promise<ManifestRead> {
  let raw: string;
  try {
    raw = await readFile(manifestPath(papersDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  return parseManifest(raw);
}

/** Returns the text written, which identifies this state of the corpus. */
export async function writeManifest(papersDir: string, manifest: Manifest): Promise<string> {
  const raw = `${JSON.stringify(manifest, null, 1)}\n`;
  await writeFileAtomic(manifestPath(papersDir), raw);
  return raw;
}
