/**
 * Papers that change id inside a library: resolved to arXiv (enrichment), or moved from a
 * whole-title key to a short id (once per paper, at the first write that holds the lock, after a
 * backup). Planned on the papers on disk under the write lock, never on a copy read before, and
 * committed with aliases, annotations, notes and note history (apply-moves.ts).
 */
import type { StoredPaper } from '../../model/paper.ts';
import type { PaperAliasStore } from '../../store/paper-aliases.ts';
import { withWriteLock } from '../../store/write-lock.ts';
import { applyPaperMoves, type MoveTargets, type PaperMoves } from './apply-moves.ts';
import type { DiskPapers } from './library-enrichment.ts';
import { backupBeforeShortIds } from './short-id-backup.ts';
import { planShortIds } from './short-id-migration.ts';

export interface MovesHost extends Omit<MoveTargets, 'aliases' | 'corpus'> {
  corpus: MoveTargets['corpus'] & { all(): StoredPaper[]; get(id: string): StoredPaper | undefined };
  aliases(): PaperAliasStore;
  /** Every paper loaded, and what other processes committed read in. */
  refresh(): Promise<void>;
  /** After a commit: the library's title index and caches, given the titles of the papers removed. */
  committed(moves: PaperMoves, removedTitles: ReadonlyArray<readonly [string, string]>): Promise<void>;
  changed(ids: string[]): void;
  report(problem: string): void;
}

export class LibraryMoves {
  constructor(private readonly host: MovesHost) {}

  /** Every paper loaded and other processes' commits read in. */
  refreshed(): Promise<void> {
    return this.host.refresh();
  }

  /** Every id in use, current or old: no new short id may repeat one. */
  takenIds(): Set<string> {
    return new Set([...this.host.corpus.all().map((paper) => paper.id), ...this.host.aliases().all().keys()]);
  }

  /** The plan is made under the write lock, on the papers on disk then. */
  async commit<T>(plan: (disk: DiskPapers) => { moves: PaperMoves; result: T }): Promise<T> {
    const { corpus } = this.host;
    await this.host.refresh();
    return withWriteLock(this.host.dataDir, async () => {
      await this.host.refresh();
      await this.moveToShortIds();
      const { moves, result } = plan({ get: (id) => corpus.get(id) ?? corpus.get(this.host.aliases().resolve(id)) });
      await this.apply(moves);
      if (moves.upsert.length > 0 || moves.remove.length > 0) this.host.changed([...moves.upsert.map((p) => p.id), ...moves.remove]);
      return result;
    });
  }

  /** Papers still under whole-title keys move to short ids, after a backup. Call under the write lock. */
  async moveToShortIds(): Promise<void> {
    const migration = planShortIds(this.host.corpus.all(), this.takenIds());
    if (migration.rekeys.length === 0) return;
    const backup = backupBeforeShortIds(this.host.dataDir, migration, (id) => this.host.corpus.get(id));
    await this.apply(migration);
    this.host.report(`moved ${migration.rekeys.length} papers to short ids; their old ids still work (backup: ${backup})`);
  }

  /** Commits moves and brings the library's indexes and caches up to date. Call under the write lock. */
  async apply(moves: PaperMoves): Promise<void> {
    const { host } = this;
    const removedTitles = moves.remove.map((id) => [id, host.corpus.get(id)?.title ?? ''] as const);
    const targets = { dataDir: host.dataDir, aliases: host.aliases(), annotations: host.annotations, notes: host.notes, corpus: host.corpus };
    await applyPaperMoves(targets, moves);
    await host.committed(moves, removedTitles);
  }
}
