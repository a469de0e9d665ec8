/**
 * The `recommend` operation: reads the user's signals from the library, asks the worker for a ranked
 * page and turns it into list rows with their reasons. With fewer than MIN_POSITIVES positives there
 * is nothing to learn from: papers are ranked by upvotes and `coldStart` says so.
 */
import type { OperationInput, OperationOutput } from '../api/contract.ts';
import type { Library } from '../library/library.ts';
import type { ExportItem } from '../export/types.ts';
import { toPaperView } from '../library/paper-view.ts';
import type { PaperView } from '../model/paper.ts';
import { paperText, surfaceForms } from './features.ts';
import { recommendInWorker } from './recommend-client.ts';
import { TOP_WORDS } from './rank.ts';
import { MIN_POSITIVES, readSignals, signalKey, type Signals } from './signals.ts';

export type RecommendInput = OperationInput<'recommend'>;
export type RecommendOutput = OperationOutput<'recommend'>;
export type Recommendation = RecommendOutput['results'][number];

export const DEFAULT_RECOMMEND_LIMIT = 50;

/** The heaviest words, as written in the paper; a word inside an already chosen phrase is skipped. */
export function nameWords(paper: { title: string; abstract: string }, buckets: readonly number[]): string[] {
  const forms = surfaceForms(paperText(paper));
  const words: string[] = [];
  for (const bucket of buckets) {
    const word = forms.get(bucket);
    if (!word || words.some((chosen) => chosen.split(' ').includes(word) || chosen === word)) continue;
    words.push(word);
    if (words.length === TOP_WORDS) break;
  }
  return words;
}

function coldStart(items: readonly ExportItem[], signals: Signals, input: RecommendInput): RecommendOutput {
  const limit = input.limit ?? DEFAULT_RECOMMEND_LIMIT;
  const offset = input.offset ?? 0;
  const candidates = items.filter(({ paper }) => !signals.own.has(paper.id) && (input.since === undefined || (paper.published ?? '') >= input.since));
  candidates.sort((a, b) => (b.paper.upvotes ?? -1) - (a.paper.upvotes ?? -1) || (b.paper.published ?? '').localeCompare(a.paper.published ?? ''));
  return {
    total: candidates.length,
    results: candidates.slice(offset, offset + limit).map((item) => ({ ...toView(item), score: item.paper.upvotes ?? 0, because: [], words: [] })),
    model: { positives: signals.positives.size, negatives: items.length - signals.positives.size, trainedAt: null, coldStart: true },
    newSinceRefresh: 0,
  };
}

function toView({ paper, annotation, note }: ExportItem): PaperView {
  return toPaperView(paper, annotation ?? undefined, note);
}

export async function recommend(library: Library, input: RecommendInput): Promise<RecommendOutput> {
  const items = library.itemsForExport({});
  const signals = readSignals(items, input.tag);
  if (signals.positives.size < MIN_POSITIVES) return coldStart(items, signals, input);
  const answer = await recommendInWorker(library.dataDir, {
    positives: [...signals.positives.keys()],
    exclude: [...signals.own, ...signals.dismissed],
    dismissed: [...signals.dismissed],
    signalKey: signalKey(signals, input.tag),
    tag: input.tag,
    since: input.since,
    limit: input.limit ?? DEFAULT_RECOMMEND_LIMIT,
    offset: input.offset ?? 0,
  });
  const byId = new Map(items.map((item) => [item.paper.id, item]));
  const results: Recommendation[] = [];
  for (const result of answer.results) {
    const item = byId.get(result.id);
    // A paper committed by another process after this library was read: shown on the next call.
    if (!item) continue;
    results.push({
      ...toView(item),
      score: result.score,
      because: result.because.flatMap((id) => {
        const own = byId.get(id);
        const reason = signals.positives.get(id);
        return own && reason ? [{ id, title: own.paper.title, reason }] : [];
      }),
      words: nameWords(item.paper, result.words),
    });
  }
  return {
    // Papers committed after this library was read are ranked but not shown until the next call.
    total: Math.max(0, answer.total - (answer.results.length - results.length)),
    results,
    model: { positives: answer.positives, negatives: answer.negatives, trainedAt: answer.trainedAt, coldStart: false },
    newSinceRefresh: answer.newSinceRefresh,
  };
}
