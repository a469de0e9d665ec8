/**
 * What opening does with damage, always under the write lock and only if the manifest is still the
 * one the damage was found in. Damaged files are moved to `backups/` and reported, never silently
 * dropped: a segment whose papers are verified gets a fresh index; a segment with unreadable lines
 * keeps the readable papers; a paper file that fails its checksum with every line readable is set
 * aside whole, since which paper changed cannot be told; an unreadable manifest is rebuilt from the
 * segment files present.
 */
import { NewerFormatError } from '../../model/errors.ts';
import type { StoredPaper } from '../../model/paper.ts';
import { moveToBackups } from '../../store/backups.ts';
import { checksum, fileSize, papersDir, parsePapers, readIfExists, segmentNamesOnDisk, segmentNumber, segmentPaths } from '../../store/segment-files.ts';
import { emptyManifest, MANIFEST_NAME, MANIFEST_SCHEMA_VERSION, manifestPath, readManifest, writeManifest, type SegmentEntry } from '../../store/segment-manifest.ts';
import { discardPrepared, addSegment, prepareSegment, type PreparedSegment } from './segment-writer.ts';

export interface Damage {
  detail: string;
  /** The papers that can still be trusted, in file order. */
  readable: StoredPaper[];
  /** Set when the paper file changed in a way that cannot be located: none of its papers is kept. */
  setAside?: true;
  /**
   * Not damage: the index is intact but of an older analysis, and `readable` holds every paper,
   * verified. The segment is re-indexed (corpus-upgrade.ts), not moved to backups/ nor reported.
   */
  outdated?: true;
}

/**
 * The papers of a segment's file, or its damage. `intact`: the file has the size and checksum the
 * manifest recorded, so its lines are only parsed, not validated again.
 */
export function checkPapers(file: Buffer, entry: SegmentEntry, intact: boolean): StoredPaper[] | Damage {
  const parsed = parsePapers(file.toString('utf8'), intact);
  if (parsed.badLines.length > 0) {
    const lines = parsed.badLines.slice(0, 5).join(', ') + (parsed.badLines.length > 5 ? '…' : '');
    return { detail: `${parsed.badLines.length} unreadable line(s) in its paper file (line ${lines})`, readable: parsed.papers };
  }
  if (parsed.papers.length !== entry.papers || file.length !== entry.bytes.papers) {
    return { detail: 'its paper file was changed outside Papershelf', readable: parsed.papers };
  }
  if (entry.papersCrc !== undefined && !intact) {
    return { detail: 'its paper file does not match its checksum (it was changed or damaged on disk)', readable: [], setAside: true };
  }
  return parsed.papers;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text the index can hold: earlier versions stored lone surrogates, whose lossy index made a
 * segment unreadable; re-indexing it replaces them by U+FFFD.
 */
function wellFormed<T>(value: T): T {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\ufffd') as T;
  if (Array.isArray(value)) return value.map(wellFormed) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, wellFormed(field)])) as T;
  }
  return value;
}

function moveSegmentToBackups(dataDir: string, name: string, reason: string): void {
  const paths = segmentPaths(papersDir(dataDir), name);
  for (const path of [paths.papers, paths.index, paths.legacyIndex, paths.ids]) {
    try {
      moveToBackups(dataDir, path, reason);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

export async function repairSegments(dataDir: string, raw: string, damaged: ReadonlyMap<string, Damage>, problems: string[]): Promise<void> {
  const dir = papersDir(dataDir);
  const read = await readManifest(dir);
  if (read.kind !== 'ok' || read.raw !== raw) return;
  // Every replacement is built before anything is moved: a failure leaves the folder as it was.
  const replacements = new Map<string, PreparedSegment>();
  try {
    for (const entry of read.manifest.segments) {
      const damage = damaged.get(entry.name);
      if (!damage) continue;
      const masked = new Set(entry.masked);
      const keep = damage.readable.filter((paper) => !masked.has(paper.id));
      if (keep.length > 0) replacements.set(entry.name, await prepareSegment(dir, keep.map(wellFormed)));
    }
  } catch (error) {
    await discardPrepared([...replacements.values()]);
    throw error;
  }
  let manifest = read.manifest;
  const segments: SegmentEntry[] = [];
  for (const entry of manifest.segments) {
    const damage = damaged.get(entry.name);
    if (!damage) {
      segments.push(entry);
      continue;
    }
    moveSegmentToBackups(dataDir, entry.name, damage.detail);
    const where = `papers/${entry.name}: ${damage.detail}; its files were moved to backups/`;
    const live = entry.papers - entry.masked.length;
    const prepared = replacements.get(entry.name);
    if (damage.setAside) {
      problems.push(`${where}. Its ${live} papers were set aside with it, since which of them changed cannot be told: import them again.`);
      continue;
    }
    if (!prepared) {
      problems.push(`${where}. None of its ${entry.papers} papers could be read: import them again.`);
      continue;
    }
    const added = await addSegment(dir, manifest, prepared);
    manifest = added.manifest;
    segments.push(added.entry);
    const lost = live - prepared.papers.length;
    problems.push(`${where} and ${prepared.papers.length} readable papers were re-indexed as ${added.entry.name}${lost > 0 ? `; ${lost} could not be read: import them again` : ''}.`);
  }
  await writeManifest(dir, { ...manifest, segments });
}

/** The manifest schema does not admit a newer version, so it is looked for in the raw text. */
export function refuseNewerManifest(raw: string): void {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return;
  }
  const version = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['schemaVersion'] : undefined;
  if (typeof version === 'number' && Number.isInteger(version) && version > MANIFEST_SCHEMA_VERSION) {
    throw new NewerFormatError(`papers/${MANIFEST_NAME}`, version);
  }
}

/** Replaces an unreadable manifest by one listing every segment on disk. */
export async function rebuildManifest(dataDir: string, raw: string, detail: string, problems: string[]): Promise<void> {
  const dir = papersDir(dataDir);
  const read = await readManifest(dir);
  if (read.kind !== 'corrupt' || read.raw !== raw) return;
  refuseNewerManifest(read.raw);
  moveToBackups(dataDir, manifestPath(dir), `unreadable: ${detail}`);
  const names = await segmentNamesOnDisk(dir);
  const found: Array<{ entry: SegmentEntry; ids: string[] }> = [];
  for (const name of names) {
    const paths = segmentPaths(dir, name);
    const papersFile = await readIfExists(paths.papers);
    if (papersFile === null) continue;
    const parsed = parsePapers(papersFile.toString('utf8'));
    const bytes = { papers: papersFile.length, index: (await fileSize(paths.index)) ?? 0 };
    const papers = parsed.papers.length + parsed.badLines.length;
    // A file whose every line is a valid paper is taken as it is now, checksum included.
    const papersCrc = parsed.badLines.length === 0 ? { papersCrc: checksum(papersFile) } : {};
    found.push({ entry: { name, papers, bytes, ...papersCrc, masked: [] }, ids: parsed.papers.map((p) => p.id) });
  }
  // The newest copy of a paper is the live one, as it was when each batch was committed.
  const seen = new Set<string>();
  for (const { entry, ids } of [...found].reverse()) {
    entry.masked = ids.filter((id) => seen.has(id));
    for (const id of ids) seen.add(id);
  }
  const segments = found.map((f) => f.entry);
  const last = names.at(-1);
  await writeManifest(dir, { ...emptyManifest(), nextSegment: last ? segmentNumber(last) + 1 : 1, segments });
  problems.push(
    `papers/manifest.json was unreadable (${detail}); it was moved to backups/ and rebuilt from ${segments.length} segment file(s). ` +
      'Papers removed from the library since their import may be back, and so may a batch whose import was interrupted.',
  );
}
