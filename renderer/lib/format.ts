/** How papers and numbers read in the window. */
import type { PaperView, ReadingStatus } from '../api/types.ts';

export const STATUS_LABELS: Record<ReadingStatus, string> = { 'to-read': 'To read', reading: 'Reading', read: 'Read' };

export function countLabel(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? singular : plural}`;
}

/** "Ada Lovelace, Alan Turing +3", or "12 authors · Some Lab" when only a count is known. */
export function authorLine(paper: Pick<PaperView, 'authors' | 'authorCount' | 'organization'>, shown = 3): string {
  if (paper.authors.length > 0) {
    const names = paper.authors.slice(0, shown).join(', ');
    const rest = Math.max(paper.authorCount ?? 0, paper.authors.length) - Math.min(shown, paper.authors.length);
    return rest > 0 ? `${names} +${rest}` : names;
  }
  const count = paper.authorCount ? countLabel(paper.authorCount, 'author') : null;
  return [count, paper.organization].filter((part) => part).join(' · ');
}

export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const [year, month, day] = iso.split('-').map(Number);
  if (!year || !month || !day) return iso;
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}
