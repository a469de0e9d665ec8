/**
 * When each entry of an arXiv page was submitted, to the second. The `arxiv-atom` reader keeps only
 * the day, but a refresh that stops "at papers older than the last one seen" needs the time: arXiv
 * lists a hundred or more papers per day in a busy category.
 */
import { XMLParser } from 'fast-xml-parser';
import { arxivIdFromUrl } from '../importers/arxiv-id.ts';

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true, isArray: (name) => name === 'entry' });

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && '#text' in value) return text((value as { '#text': unknown })['#text']);
  return '';
}

/** An ISO instant, comparable as text; null when the feed gives none or an unreadable one. */
function instant(value: string): string | null {
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** arXiv id (without version) -> submission time, for every entry that has both. */
export function submissionTimes(xml: string): Map<string, string> {
  const doc = parser.parse(xml) as { feed?: { entry?: Array<Record<string, unknown>> } };
  const times = new Map<string, string>();
  for (const entry of doc.feed?.entry ?? []) {
    const id = arxivIdFromUrl(text(entry.id).trim())?.id;
    const published = instant(text(entry.published));
    if (id && published) times.set(id, published);
  }
  return times;
}

export function laterOf(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return b > a ? b : a;
}
