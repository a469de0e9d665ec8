/**
 * subscriptions.json in the data folder: the follows and their fetch progress. The file is tiny and
 * two processes (the window and a CLI refresh) may both record progress, so every change re-reads it
 * under a lock and replaces it atomically; a damaged file is moved to backups/ and reported, keeping
 * every follow that could be read.
 */
import { readTextIfExists } from './read-text.ts';
import { join, relative } from 'node:path';
import { PapershelfError } from '../model/errors.ts';
import { cleanStaleTempFiles, writeFileAtomicSync } from './atomic-write.ts';
import { moveToBackups } from './backups.ts';
import {
  decodeSubscriptions,
  emptySubscriptions,
  encodeSubscriptions,
  SUBSCRIPTIONS_FILE,
  type Follow,
  type StoredSourceSettings,
  type SubscriptionsDocument,
} from './subscription-schema.ts';
import { withWriteLockSync } from './write-lock.ts';

/** Its own lock: recording progress must not wait behind a long import holding the main one. */
const LOCK = { name: 'subscriptions' };

/** Extra spaces do not make two arXiv queries different. */
export function normalizeQuery(query: string): string {
  return query.trim().replace(/\s+/g, ' ');
}

export class SubscriptionStore {
  /** What was found damaged and moved aside, in words for the user. */
  readonly problems: string[] = [];
  readonly path: string;

  private constructor(readonly dataDir: string) {
    this.path = join(dataDir, SUBSCRIPTIONS_FILE);
  }

  /**
   * Throws only for a file from a newer version or an I/O error; repairs are listed in `problems`.
   * Reading takes no lock, so the follows of a library on a read-only disk can still be listed.
   */
  static open(dataDir: string): SubscriptionStore {
    const store = new SubscriptionStore(dataDir);
    cleanStaleTempFiles(dataDir, SUBSCRIPTIONS_FILE);
    store.read();
    return store;
  }

  list(): Follow[] {
    return this.read().follows;
  }

  get(id: string): Follow | undefined {
    return this.list().find((follow) => follow.id === id);
  }

  sources(): StoredSourceSettings {
    return this.read().sources;
  }

  /** Adds the follow unless one with its id exists; returns the stored one either way. */
  add(follow: Follow): { follow: Follow; added: boolean } {
    return this.transact<{ follow: Follow; added: boolean }>((doc) => {
      const existing = doc.follows.find((other) => other.id === follow.id);
      if (existing) return { result: { follow: existing, added: false }, changed: false };
      doc.follows.push(follow);
      return { result: { follow, added: true }, changed: true };
    });
  }

  /** Removes a follow named by its id or, for arXiv, its query. */
  remove(idOrQuery: string): Follow {
    return this.transact((doc) => {
      const wanted = normalizeQuery(idOrQuery);
      const index = doc.follows.findIndex((f) => f.id === wanted || (f.kind === 'arxiv' && normalizeQuery(f.query) === wanted));
      const found = doc.follows[index];
      if (!found) throw new PapershelfError('not-found', `not following "${idOrQuery}" (see \`papershelf following\`)`);
      doc.follows.splice(index, 1);
      return { result: found, changed: true };
    });
  }

  /**
   * Rewrites one follow from its current stored state. Returns undefined, writing nothing, when it
   * was unfollowed meanwhile: progress of a follow the user dropped is not worth resurrecting it.
   */
  update<F extends Follow>(id: string, change: (current: F) => F): F | undefined {
    return this.transact((doc) => {
      const index = doc.follows.findIndex((follow) => follow.id === id);
      const current = doc.follows[index] as F | undefined;
      if (!current) return { result: undefined, changed: false };
      const next = change(structuredClone(current));
      doc.follows[index] = next;
      return { result: next, changed: JSON.stringify(next) !== JSON.stringify(current) };
    });
  }

  private transact<T>(mutate: (doc: SubscriptionsDocument) => { result: T; changed: boolean }): T {
    return withWriteLockSync(
      this.dataDir,
      () => {
        const doc = this.read();
        const { result, changed } = mutate(doc);
        if (changed) writeFileAtomicSync(this.path, encodeSubscriptions(doc));
        return result;
      },
      LOCK,
    );
  }

  /** The document as it is on disk now; a damaged file is repaired under the lock first. */
  private read(): SubscriptionsDocument {
    const text = readTextIfExists(this.path);
    if (text === null) return emptySubscriptions();
    const decoded = decodeSubscriptions(text);
    if (decoded.kind === 'ok') return decoded.doc;
    return withWriteLockSync(
      this.dataDir,
      () => {
        // Another process may have repaired it while we waited for the lock.
        const again = readTextIfExists(this.path);
        if (again === null) return emptySubscriptions();
        const current = again === text ? decoded : decodeSubscriptions(again);
        if (current.kind === 'ok') return current.doc;
        const backup = relative(this.dataDir, moveToBackups(this.dataDir, this.path, current.problems[0] ?? 'corrupt'));
        const kept = current.doc.follows.length;
        this.problems.push(`${current.problems[0]}: moved it to ${backup} and kept ${kept} ${kept === 1 ? 'follow' : 'follows'}`, ...current.problems.slice(1));
        writeFileAtomicSync(this.path, encodeSubscriptions(current.doc));
        return current.doc;
      },
      LOCK,
    );
  }
}

