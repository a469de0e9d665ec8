/**
 * The paper corpus: every paper in the library, stored as immutable segments under `papers/`, each
 * with its own saved Lunr index, plus a small in-memory index of tags and notes. Import cost is
 * proportional to the batch (a batch is a new segment; older copies are masked in the manifest),
 * opening never rebuilds an intact index, and search scores agree with one Lunr index over the
 * same papers (see query-eval.ts). See DESIGN.md, "Search: Lunr that scales".
 */
import { PapershelfError } from '../model/errors.ts';
import type { StoredPaper } from '../model/paper.ts';
import { papersDir } from '../store/segment-files.ts';
import { readManifest } from '../store/segment-manifest.ts';
import { storedPaperSchema } from '../store/segment-paper-schema.ts';
import { withWriteLock } from '../store/write-lock.ts';
import { AnnotationIndex } from './annotation-index.ts';
import { loadCorpus, type LoadedCorpus } from './corpus-loader.ts';
import { CorpusState } from './corpus-state.ts';
import { isPaperField, type AnnotationText, type SearchField } from './fields.ts';
import { findMatches, type FieldMatch } from './matches.ts';
import { evaluate, termStatistics, type Evaluation } from './query-eval.ts';
import { parseQuery, type QueryClause } from './query-parser.ts';
import type { CorpusStats, SearchSource } from './search-source.ts';
import { planCompaction, prepareSegment, writeCommit, writeCompaction } from './segment-writer.ts';
import { similarClauses } from './similar.ts';

export type { AnnotationText, SearchField } from './fields.ts';
export type { FieldMatch } from './matches.ts';

export interface SearchOptions {
  /** Hits per page; 50 when absent. */
  limit?: number;
  offset?: number;
  /** Papers for which this returns false are left out (and not counted in `total`). */
  filter?: (id: string) => boolean;
}

export interface SearchHit {
  id: string;
  score: number;
  matches: FieldMatch[];
}

export interface SearchPage {
  total: number;
  hits: SearchHit[];
}

export const DEFAULT_PAGE_SIZE = 50;

function stateOf(loaded: LoadedCorpus): CorpusState {
  return new CorpusState(loaded.manifest.segments.map((entry) => ({ entry, segment: loaded.segments.get(entry.name)! })));
}

function count(value: number | undefined, fallback: number): number {
  return value === undefined || !Number.isFinite(value) || value < 0 ? fallback : Math.floor(value);
}

export class Corpus {
  /** What was found damaged, moved to backups/ and repaired while opening, in words for the user. */
  readonly problems: string[] = [];
  private readonly annotations = new AnnotationIndex();
  private loaded: LoadedCorpus;
  private state: CorpusState;

  private constructor(readonly dataDir: string, loaded: LoadedCorpus) {
    this.loaded = loaded;
    this.state = stateOf(loaded);
  }

  /** Corrupt segments or manifest are moved to backups/, reported in `problems`; the rest loads. */
  static async open(dataDir: string): Promise<Corpus> {
    const problems: string[] = [];
    const corpus = new Corpus(dataDir, await loadCorpus(dataDir, new Map(), problems));
    corpus.problems.push(...problems);
    return corpus;
  }

  private apply(loaded: LoadedCorpus): void {
    this.loaded = loaded;
    this.state = stateOf(loaded);
  }

  get size(): number {
    return this.state.size;
  }

  get segmentCount(): number {
    return this.loaded.manifest.segments.length;
  }

  get(id: string): StoredPaper | undefined {
    return this.state.get(id);
  }

  /** Live papers, in the order their batches were committed. */
  all(): StoredPaper[] {
    return this.state.all();
  }

  /**
   * Picks up changes another process committed since this corpus was opened or last refreshed;
   * segments already in memory are reused. Returns whether anything changed.
   */
  async refresh(): Promise<boolean> {
    const read = await readManifest(papersDir(this.dataDir));
    const raw = read.kind === 'missing' ? null : read.raw;
    if (raw === this.loaded.raw) return false;
    this.apply(await loadCorpus(this.dataDir, this.loaded.segments, this.problems));
    return true;
  }

  /**
   * Persists one batch as a new segment (papers are complete StoredPapers; a paper whose id is
   * already live replaces it; within the batch the last copy of an id wins) and drops the `remove`
   * ids (an id both upserted and removed ends up upserted). Atomic: after a crash either the old or
   * the new manifest is live. Takes the data folder's write lock and first picks up other
   * processes' commits, so none is lost.
   */
  async commit(batch: { upsert: StoredPaper[]; remove: string[] }): Promise<void> {
    const byId = new Map<string, StoredPaper>();
    for (const paper of batch.upsert) {
      const checked = storedPaperSchema.safeParse(paper);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw new PapershelfError('internal', `paper "${paper.id}" cannot be stored: ${issue?.path.join('.')}: ${issue?.message}`);
      }
      // The parsed copy: what is kept in memory is exactly what a reload will read back.
      byId.set(checked.data.id, checked.data);
    }
    const upsert = [...byId.values()];
    if (upsert.length === 0 && batch.remove.length === 0) return;
    const prepared = upsert.length > 0 ? prepareSegment(upsert) : null;
    const gone = new Set([...batch.remove, ...byId.keys()]);
    await withWriteLock(this.dataDir, async () => {
      await this.refresh();
      const next = await writeCommit(this.dataDir, this.loaded, this.state, prepared, gone);
      if (next) this.apply(next);
    });
  }

  /**
   * Merges small or mostly-masked segments into one (`all`: every segment). The merged index is
   * built before taking the write lock; if another process commits meanwhile, this round is skipped.
   */
  async compact(options: { all?: boolean } = {}): Promise<void> {
    await this.refresh();
    const plan = planCompaction(this.loaded.manifest, this.state, options.all ?? false);
    if (plan === null) return;
    const basis = this.loaded.raw;
    const prepared = plan.papers.length > 0 ? prepareSegment(plan.papers) : null;
    await withWriteLock(this.dataDir, async () => {
      await this.refresh();
      if (this.loaded.raw !== basis) return;
      this.apply(await writeCompaction(this.dataDir, this.loaded, plan, prepared));
    });
  }

  /** Replaces the tags and note text of every paper (papers absent from the map have none). */
  setAnnotationTexts(texts: Map<string, AnnotationText>): void {
    this.annotations.setAll(texts);
  }

  /** Records one paper's new tags/note text; the annotation index is rebuilt at the next search. */
  updateAnnotationText(id: string, text: AnnotationText | null): void {
    this.annotations.update(id, text);
  }

  /**
   * Runs a query typed by a user: words are ANDed; `title:`, `abstract:`, `author:`, `tag:`,
   * `note:` scope a word; `*` wildcards, `~1` fuzziness, `-word` excludes, `+word` requires.
   * Throws QueryError (with a message for the user) for a query that cannot run, including an
   * empty one.
   */
  search(query: string, options: SearchOptions = {}): SearchPage {
    const clauses = parseQuery(query);
    const context = this.searchContext();
    const evaluation = evaluate(clauses, context.sources, context.stats, options.filter);
    const offset = count(options.offset, 0);
    const limit = count(options.limit, DEFAULT_PAGE_SIZE);
    const page = evaluation.ranked.slice(offset, offset + limit);
    return { total: evaluation.ranked.length, hits: page.map((ranked) => this.hit(ranked, evaluation, context.annotation)) };
  }

  /** Papers sharing the most distinctive words (and tags) of paper `id`, best first, without itself. */
  similar(id: string, limit = 10): SearchHit[] {
    const paper = this.get(id);
    if (!paper) throw new PapershelfError('not-found', `no paper with id "${id}" in the library`);
    const context = this.searchContext();
    const statistics = termStatistics(context.sources, context.stats);
    const clauses: QueryClause[] = similarClauses(paper, this.annotations.text(id), statistics);
    if (clauses.length === 0) return [];
    const evaluation = evaluate(clauses, context.sources, context.stats, (other) => other !== id);
    return evaluation.ranked.slice(0, count(limit, 10)).map((ranked) => this.hit(ranked, evaluation, context.annotation));
  }

  private hit(ranked: { id: string; score: number }, evaluation: Evaluation, annotation: SearchSource): SearchHit {
    const sources = [this.state.sourceOf(ranked.id), annotation].filter((s): s is SearchSource => s !== undefined);
    return { id: ranked.id, score: ranked.score, matches: findMatches(ranked.id, sources, evaluation.scoringTerms) };
  }

  private searchContext() {
    const annotation = this.annotations.source((id) => this.state.has(id));
    const documentCount = this.state.size;
    const totals = new Map<SearchField, number>([
      ['tags', annotation.lengthTotal('tags')],
      ['note', annotation.lengthTotal('note')],
    ]);
    const stats: CorpusStats = {
      documentCount,
      averageFieldLength: (field) =>
        documentCount === 0 ? 0 : (isPaperField(field) ? this.state.lengthTotal(field) : (totals.get(field) ?? 0)) / documentCount,
    };
    return { sources: [...this.state.sources, annotation] as SearchSource[], stats, annotation };
  }
}
