/**
 * aliases.json in the data folder: every id a paper used to have, mapped to the id it moved to (a
 * `t:` title key that became an arXiv id, a long title key that became a short one). Scripts, notes
 * and links that used an old id keep working through `resolve`. The file is small and changes only
 * when papers move, so every change re-reads it under its own lock and replaces it atomically; a
 * damaged file is moved to backups/ and reported, keeping every alias that could be read.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NewerFormatError } from '../model/errors.ts';
import { cleanStaleTempFiles, writeFileAtomic, writeFileAtomicSync } from './atomic-write.ts';
import { moveToBackups } from './backups.ts';
import { ensurePrivateDir } from './disk-errors.ts';
import { readTextIfExists } from './read-text.ts';
import { withWriteLock, withWriteLockSync } from './write-lock.ts';
import { isDeviceId } from '../sync/device-id.ts';
import { resolveDeviceId } from '../sync/device-identity.ts';
import { deviceDir, devicesRoot, SYNC_DIR } from '../sync/sync-layout.ts';

export const ALIASES_FILE = 'aliases.json';
export const ALIASES_SCHEMA_VERSION = 1;
/** Its own lock: recording a move happens inside an import that holds the main one. */
const LOCK = { name: 'aliases' };
const MAX_ID_LENGTH = 1000;

/** Old id -> the id it moved to. */
export type AliasMap = ReadonlyMap<string, string>;

export interface IdMove {
  from: string;
  to: string;
}

export type DecodedAliases = { kind: 'ok'; aliases: Map<string, string> } | { kind: 'corrupt'; aliases: Map<string, string>; problems: string[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.trim() === value && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

/** Throws NewerFormatError for a file from a newer version; names every other defect. */
export function decodeAliases(text: string): DecodedAliases {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: 'corrupt', aliases: new Map(), problems: [`${ALIASES_FILE} is not valid JSON (${(error as Error).message})`] };
  }
  if (!isObject(parsed)) return { kind: 'corrupt', aliases: new Map(), problems: [`${ALIASES_FILE} does not hold an object`] };
  const version = parsed.schemaVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > ALIASES_SCHEMA_VERSION) throw new NewerFormatError(ALIASES_FILE, version);
  const problems: string[] = [];
  if (version !== ALIASES_SCHEMA_VERSION) problems.push(`${ALIASES_FILE} has an invalid schemaVersion ${JSON.stringify(version)}`);
  const aliases = new Map<string, string>();
  const raw = parsed.aliases;
  if (!isObject(raw)) {
    problems.push(`${ALIASES_FILE}: "aliases" is not an object`);
  } else {
    for (const [from, to] of Object.entries(raw)) {
      if (isId(from) && isId(to) && from !== to) aliases.set(from, to);
      else problems.push(`${ALIASES_FILE}: alias ${JSON.stringify(from).slice(0, 80)} dropped (not an id pointing to another id)`);
    }
  }
  return problems.length === 0 ? { kind: 'ok', aliases } : { kind: 'corrupt', aliases, problems };
}

export function encodeAliases(aliases: AliasMap): string {
  const sorted = Object.fromEntries([...aliases].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ schemaVersion: ALIASES_SCHEMA_VERSION, aliases: sorted }, null, 2)}\n`;
}

/** The id `id` lives under now: itself when it never moved. A damaged file's loop resolves to nothing new. */
export function resolveAlias(aliases: AliasMap, id: string): string {
  let current = id;
  const seen = new Set<string>([id]);
  for (let next = aliases.get(current); next !== undefined; next = aliases.get(current)) {
    if (seen.has(next)) return id;
    seen.add(next);
    current = next;
  }
  return current;
}

/** Every old id that now leads to `id`, sorted. */
export function aliasesOf(aliases: AliasMap, id: string): string[] {
  return [...aliases.keys()].filter((from) => from !== id && resolveAlias(aliases, from) === id).sort();
}

/**
 * The aliases after papers moved: each `from` leads to its `to`, older ids that led to `from` lead
 * straight to `to`, and an id a paper lives under again is no longer an alias (no loops).
 */
export function withMoves(aliases: AliasMap, moves: readonly IdMove[]): Map<string, string> {
  const next = new Map(aliases);
  for (const { from, to } of moves) {
    if (from === to || !isId(from) || !isId(to)) continue;
    next.delete(to);
    for (const [old, target] of next) if (target === from) next.set(old, to);
    next.set(from, to);
  }
  return next;
}

/**
 * Two devices' aliases for one old id: the one leading to an arXiv id wins over a title key, then the
 * greater id, so that every device resolves it the same way.
 */
function preferredTarget(a: string, b: string): string {
  const titleA = a.startsWith('t:');
  if (titleA !== b.startsWith('t:')) return titleA ? b : a;
  return a > b ? a : b;
}

/**
 * In a synced data folder (`sync/` exists) each device records moves in its own
 * `sync/devices/<id>/aliases.json`, and the aliases are the union of every device's file and of the
 * `aliases.json` the folder had before (read only): no file is written by two devices. A file a sync
 * tool has not finished copying is read as it was last read well.
 */
export class PaperAliasStore {
  /** What was found damaged and moved aside, in words for the user. */
  readonly problems: string[] = [];
  /** The file this process writes. */
  readonly path: string;
  private cache: { stamp: string; aliases: Map<string, string> } | null = null;
  /** Synced folder: the other files read, with the last good content of each. */
  private readonly others = new Map<string, Map<string, string>>();

  private constructor(
    readonly dataDir: string,
    /** The folder whose lock guards `path`: the data folder, or this device's folder. */
    private readonly lockDir: string,
  ) {
    this.path = join(lockDir, ALIASES_FILE);
  }

  /** Throws only for a file from a newer version or an I/O error; repairs are listed in `problems`. */
  static open(dataDir: string): PaperAliasStore {
    const synced = existsSync(join(dataDir, SYNC_DIR));
    const store = new PaperAliasStore(dataDir, synced ? deviceDir(dataDir, resolveDeviceId(dataDir)) : dataDir);
    cleanStaleTempFiles(store.lockDir, ALIASES_FILE);
    store.read();
    return store;
  }

  /** In a synced folder, every alias file other than this device's: the old shared one and the other devices'. */
  private otherFiles(): string[] {
    if (this.lockDir === this.dataDir) return [];
    let names: string[] = [];
    try {
      names = readdirSync(devicesRoot(this.dataDir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const own = this.path;
    const devices = names.filter(isDeviceId).map((name) => join(devicesRoot(this.dataDir), name, ALIASES_FILE));
    return [join(this.dataDir, ALIASES_FILE), ...devices.filter((path) => path !== own)];
  }

  /** The union of this device's aliases with the other files' (read-only: damage there is never repaired). */
  private withOthers(own: Map<string, string>): Map<string, string> {
    const files = this.otherFiles();
    if (files.length === 0) return own;
    const union = new Map<string, string>();
    for (const path of files) {
      const text = readTextIfExists(path);
      let aliases = this.others.get(path) ?? new Map<string, string>();
      if (text !== null) {
        const decoded = decodeAliases(text);
        // A half-copied file decodes partly: its last good version stands until the copy completes.
        if (decoded.kind === 'ok') aliases = decoded.aliases;
      }
      this.others.set(path, aliases);
      for (const [from, to] of aliases) {
        const known = union.get(from);
        union.set(from, known === undefined ? to : preferredTarget(known, to));
      }
    }
    for (const [from, to] of own) union.set(from, to);
    return union;
  }

  all(): AliasMap {
    return this.read();
  }

  /** This device's own moves (the whole map outside a synced folder). */
  private own(): Map<string, string> {
    return this.lockDir === this.dataDir ? this.read() : this.load();
  }

  resolve(id: string): string {
    return resolveAlias(this.read(), id);
  }

  aliasesOf(id: string): string[] {
    return aliasesOf(this.read(), id);
  }

  /** Records that papers moved (an import's or an enrichment's rekeys). */
  async record(moves: readonly IdMove[]): Promise<void> {
    if (moves.length === 0) return;
    ensurePrivateDir(this.lockDir);
    await withWriteLock(
      this.lockDir,
      async () => {
        const before = this.own();
        const after = withMoves(before, moves);
        if (encodeAliases(after) === encodeAliases(before)) return;
        await writeFileAtomic(this.path, encodeAliases(after));
        this.cache = null;
      },
      LOCK,
    );
  }

  /** Size and time of the files: another process's (or device's) change is noticed on the next call. */
  private stamp(): string {
    return [this.path, ...this.otherFiles()].map(fileStamp).join('|');
  }

  private read(): Map<string, string> {
    const stamp = this.stamp();
    if (this.cache?.stamp === stamp) return this.cache.aliases;
    const aliases = this.withOthers(this.load());
    this.cache = { stamp: this.stamp(), aliases };
    return aliases;
  }

  private load(): Map<string, string> {
    const text = readTextIfExists(this.path);
    if (text === null) return new Map();
    const decoded = decodeAliases(text);
    if (decoded.kind === 'ok') return decoded.aliases;
    return withWriteLockSync(
      this.lockDir,
      () => {
        // Another process may have repaired it while we waited for the lock.
        const again = readTextIfExists(this.path);
        if (again === null) return new Map<string, string>();
        const current = again === text ? decoded : decodeAliases(again);
        if (current.kind === 'ok') return current.aliases;
        const backup = relative(this.dataDir, moveToBackups(this.dataDir, this.path, current.problems[0] ?? 'corrupt'));
        const kept = current.aliases.size;
        this.problems.push(`${current.problems[0]}: moved it to ${backup} and kept ${kept} ${kept === 1 ? 'alias' : 'aliases'}`, ...current.problems.slice(1));
        writeFileAtomicSync(this.path, encodeAliases(current.aliases));
        return current.aliases;
      },
      LOCK,
    );
  }
}

function fileStamp(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw error;
  }
}
