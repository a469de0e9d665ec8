/**
 * enrichment.json in the data folder: whether imports and refreshes resolve title-only papers on
 * their own (`auto`, on unless the user turned it off), and when each unresolved paper was last
 * asked about (so automatic runs do not repeat fruitless requests; see enrich-queue.ts). Nothing in
 * it is the user's writing: a damaged file is moved to backups/ and the defaults are used.
 */
import { join, relative } from 'node:path';
import { NewerFormatError } from '../../model/errors.ts';
import { writeFileAtomic } from '../../store/atomic-write.ts';
import { moveToBackups } from '../../store/backups.ts';
import { readTextIfExists } from '../../store/read-text.ts';
import { withWriteLock } from '../../store/write-lock.ts';
import type { EnrichAttempt } from './enrich-queue.ts';

export const ENRICHMENT_FILE = 'enrichment.json';
const SCHEMA_VERSION = 1;
const LOCK = { name: 'enrichment' };

export interface EnrichState {
  auto: boolean;
  attempts: Map<string, EnrichAttempt>;
}

function isAttempt(value: unknown): value is EnrichAttempt {
  if (typeof value !== 'object' || value === null) return false;
  const { at, outcome } = value as Record<string, unknown>;
  return typeof at === 'string' && (outcome === 'unresolved' || outcome === 'ambiguous');
}

/** The state in the file, or null when it cannot be read as one (damaged). */
export function decodeEnrichState(text: string): EnrichState | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { schemaVersion, auto, attempts } = parsed as Record<string, unknown>;
  if (typeof schemaVersion === 'number' && schemaVersion > SCHEMA_VERSION) throw new NewerFormatError(ENRICHMENT_FILE, schemaVersion);
  if (schemaVersion !== SCHEMA_VERSION || typeof auto !== 'boolean' || typeof attempts !== 'object' || attempts === null) return null;
  const map = new Map<string, EnrichAttempt>();
  for (const [id, attempt] of Object.entries(attempts)) if (isAttempt(attempt)) map.set(id, { at: attempt.at, outcome: attempt.outcome });
  return { auto, attempts: map };
}

export function encodeEnrichState(state: EnrichState): string {
  const attempts = Object.fromEntries([...state.attempts].sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, auto: state.auto, attempts }, null, 2)}\n`;
}

export class EnrichStateStore {
  readonly problems: string[] = [];
  readonly path: string;

  constructor(readonly dataDir: string) {
    this.path = join(dataDir, ENRICHMENT_FILE);
  }

  read(): EnrichState {
    const text = readTextIfExists(this.path);
    if (text === null) return { auto: true, attempts: new Map() };
    const state = decodeEnrichState(text);
    if (state) return state;
    const backup = relative(this.dataDir, moveToBackups(this.dataDir, this.path, `${ENRICHMENT_FILE} could not be read`));
    this.problems.push(`${ENRICHMENT_FILE} could not be read: moved it to ${backup}; automatic resolving is on and every unresolved paper will be asked about again`);
    return { auto: true, attempts: new Map() };
  }

  /** Read-modify-write under the file's own lock, on what is on disk. */
  async update(change: (state: EnrichState) => EnrichState): Promise<EnrichState> {
    return withWriteLock(
      this.dataDir,
      async () => {
        const next = change(this.read());
        await writeFileAtomic(this.path, encodeEnrichState(next));
        return next;
      },
      LOCK,
    );
  }
}
