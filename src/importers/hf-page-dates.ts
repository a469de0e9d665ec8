import { PapershelfError } from '../model/errors.ts';
import { formatDay, isValidDay } from './text.ts';

/** Date lines of a Hugging Face listing page: `Feb 13 2`, `Mar 25, 2024 3`, `Sep 25`, `Dec 11`. */

const MONTH = String.raw`(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
const DATE_LINE = new RegExp(String.raw`^${MONTH}\.?\s+(\d{1,2})(?:,\s*(\d{4}))?(?:\s+(\d+(?:\.\d+)?k?))?$`, 'i');
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export interface Day {
  year: number;
  month: number;
  day: number;
}

export interface DateLine {
  month: number;
  day: number;
  /** Null when the page left the year out (the page's own year). */
  year: number | null;
  /** Null when the page shows no upvote count. */
  upvotes: number | null;
}

export function isDateLine(line: string): boolean {
  return DATE_LINE.test(line);
}

/** Reads a date line; null when the line is not one or names a day that does not exist. */
export function parseDateLine(line: string): DateLine | null {
  const match = DATE_LINE.exec(line);
  if (!match?.[1] || !match[2]) return null;
  const month = MONTHS.indexOf(match[1].slice(0, 3).toLowerCase()) + 1;
  const day = Number(match[2]);
  const year = match[3] ? Number(match[3]) : null;
  if (!isValidDay(year ?? 2000, month, day)) return null; // 2000 is a leap year: Feb 29 stays possible
  const count = match[4];
  const upvotes = count === undefined ? null : Math.round(parseFloat(count) * (/k$/i.test(count) ? 1000 : 1));
  return { month, day, year, upvotes };
}

export function dayString(d: Day): string {
  return formatDay(d.year, d.month, d.day);
}

function compareDays(a: Day, b: Day): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The most recent `month day` on or before `ref` (Feb 29 goes back to a leap year). */
export function mostRecent(month: number, day: number, ref: Day): Day {
  let year = compareDays({ year: ref.year, month, day }, ref) <= 0 ? ref.year : ref.year - 1;
  while (!isValidDay(year, month, day)) year--;
  return { year, month, day };
}

/** Parses a `YYYY-MM-DD` option; a bad value is the caller's input error. */
export function parseDayOption(name: string, value: string): Day {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const day = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
  if (!day || !isValidDay(day.year, day.month, day.day)) {
    throw new PapershelfError('bad-input', `${name} must be a date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return day;
}

export function localToday(): Day {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

export interface Reference {
  day: Day;
  /** Why this day, when it was a guess; null when the page or the caller said it. */
  guess: string | null;
}

/**
 * The day year-less dates are resolved against. The copied page shows only month and day for its
 * own date and for papers of its own year, and adds the year to every other date. So the page's
 * year is later than every year it names: we take the year right after the latest one named, the
 * only choice that gives the same answer whenever the saved text is imported (reading it against
 * today's date would silently move every date by a year once the calendar turns). Without any
 * named year, the page is taken as copied within the last year: its date is the most recent such
 * day on or before today.
 */
export function referenceDay(pageDate: DateLine | null, namedYears: number[], today: Day): Reference {
  if (!pageDate) {
    return { day: today, guess: `the page shows no date of its own: dates without a year were read as falling on or before today (${dayString(today)})` };
  }
  if (pageDate.year !== null) return { day: { year: pageDate.year, month: pageDate.month, day: pageDate.day }, guess: null };
  const recent = mostRecent(pageDate.month, pageDate.day, today);
  const label = `${MONTHS[pageDate.month - 1]![0]!.toUpperCase()}${MONTHS[pageDate.month - 1]!.slice(1)} ${pageDate.day}`;
  if (namedYears.length > 0) {
    const after = namedYears.reduce((a, b) => Math.max(a, b)) + 1;
    if (after <= recent.year && isValidDay(after, pageDate.month, pageDate.day)) {
      const day = { year: after, month: pageDate.month, day: pageDate.day };
      return { day, guess: `the page does not show its year: its date "${label}" was read as ${dayString(day)}, the year after the latest year it names (${after - 1})` };
    }
  }
  return { day: recent, guess: `the page does not show its year: its date "${label}" was read as ${dayString(recent)}, the most recent ${label} before today` };
}
