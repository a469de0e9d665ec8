/**
 * aliases.json in the data folder: every id a paper used to have, mapped to the id it moved to (a
 * `t:` title key that became an arXiv id, a long title key that became a short one). Scripts, notes
 * and links that used an old id keep working through `resolve`. The file is small and changes only
 * when papers move, so every change re-reads it under its own lock and replaces it atomically; a
 * damaged file is moved to backups/ and reported, keeping every alias that could be read.
 */
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NewerFormatError } from '../model/errors.ts';
import { cleanStaleTempFiles, writeFileAtomic, writeFileAtomicSync } from './atomic-write.ts';
import { moveToBackups } from './backups.ts';
import { readTextIfExists } from './read-text.ts';
import { withWriteLock, withWriteLockSync } from './write-lock.ts';

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

export class PaperAliasStore {
  /** What was found damaged and moved aside, in words for the user. */
  readonly problems: string[] = [];
  readonly path: string;
  private cache: { stamp: string; aliases: Map<string, string> } | null = null;

  private constructor(readonly dataDir: string) {
    this.path = join(dataDir, ALIASES_FILE);
  }

  /** Throws only for a file from a newer version or an I/O error; repairs are listed in `problems`. */
  static open(dataDir: string): PaperAliasStore {
    const store = new PaperAliasStore(dataDir);
    cleanStaleTempFiles(dataDir, ALIASES_FILE);
    store.read();
    return store;
  }

  all(): AliasMap {
    return this.read();
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
    await withWriteLock(
      this.dataDir,
      async () => {
        const before = this.read();
        const after = withMoves(before, moves);
        if (encodeAliases(after) === encodeAliases(before)) return;
        await writeFileAtomic(this.path, encodeAliases(after));
        this.cache = null;
      },
      LOCK,
    );
  }

  /** Size and time of the file: another process's change is noticed on the next call. */
  private stamp(): string {
    try {
      const stat = statSync(this.path);
      return `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
      throw error;
    }
  }

  private read(): Map<string, string> {
    const stamp = this.stamp();
    if (this.cache?.stamp === stamp) return this.cache.aliases;
    const aliases = this.load();
    this.cache = { stamp: this.stamp(), aliases };
    return aliases;
  }

  private load(): Map<string, string> {
    const text = readTextIfExists(this.path);
    if (text === null) return new Map();
    const decoded = decodeAliases(text);
    if (decoded.kind === 'ok') return decoded.aliases;
    return withWriteLockSync(
      this.dataDir,
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
