/**
 * "For you": which lists the sidebar offers (one for the whole library, one per tag with enough
 * papers to learn from), and the one-line reason a recommended row shows.
 */
import type { OperationOutput, Row, TagCount, View } from '../api/types.ts';

export type Recommendation = OperationOutput<'recommend'>['results'][number];
export type RecommendModel = OperationOutput<'recommend'>['model'];
export type Because = Recommendation['because'][number];

/** The For you list shown: the whole library's (`tag` null) or "More like <tag>". */
export interface ForYouView {
  tag: string | null;
}

/** Below this many papers a model has too little to learn from (the core's cold start). */
export const MIN_POSITIVES = 3;

/** Tags with enough papers to rank others by, most used first. */
export function moreLikeTags(tags: readonly TagCount[]): string[] {
  return tags
    .filter((tag) => tag.count >= MIN_POSITIVES)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .map((tag) => tag.name);
}

export function forYouLabel(view: ForYouView): string {
  return view.tag === null ? 'For you' : `More like ${view.tag}`;
}

export function sameForYou(a: ForYouView | null, b: ForYouView | null): boolean {
  return a !== null && b !== null && a.tag === b.tag;
}

const VERBS: Record<Because['reason'], string> = {
  starred: 'starred',
  tagged: 'tagged',
  reading: 'are reading',
  read: 'read',
  note: 'wrote a note on',
};

/** A run of the reason line; `title` runs are shown emphasized (as text, never as markup). */
export interface ReasonPart {
  text: string;
  title?: boolean;
}

/** How many of the user's papers a reason names; the rest are left out of one line. */
const NAMED = 2;

function shortened(title: string, max: number): string {
  return title.length <= max ? title : `${title.slice(0, max - 1).trimEnd()}…`;
}

/**
 * "Because you starred *X* and tagged *Y* — sparse attention, KV cache"; empty when nothing explains
 * it. `maxTitle` shortens the named titles so the words still fit on a row's one line.
 */
export function reasonParts(because: readonly Because[], words: readonly string[], maxTitle = Infinity): ReasonPart[] {
  const parts: ReasonPart[] = [];
  const named = because.slice(0, NAMED);
  named.forEach((item, index) => {
    parts.push({ text: `${index === 0 ? 'Because you ' : ' and '}${VERBS[item.reason]} ` });
    parts.push({ text: shortened(item.title, maxTitle), title: true });
  });
  if (words.length > 0) parts.push({ text: `${parts.length > 0 ? ' — ' : 'About '}${words.slice(0, 4).join(', ')}` });
  return parts;
}

export function reasonText(because: readonly Because[], words: readonly string[]): string {
  return reasonParts(because, words)
    .map((part) => part.text)
    .join('');
}

/** A list row that came from `recommend` carries why it was recommended. */
export function isRecommendation(row: Row): row is Row & Pick<Recommendation, 'because' | 'words'> {
  return 'because' in row && Array.isArray(row.because) && 'words' in row && Array.isArray(row.words);
}

/** What the sidebar's library entries compare with while a For you list is shown: none of them. */
export const NO_LIBRARY_VIEW: View = { kind: 'tag', value: null };
