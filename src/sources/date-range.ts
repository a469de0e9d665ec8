/**
 * The days a Daily Papers fetch covers: `--date D | --from D --to D | --week YYYY-Www | --month
 * YYYY-MM`. Weeks are ISO 8601 weeks (Monday to Sunday; week 1 holds the year's first Thursday).
 * Days are calendar dates, computed in UTC so the machine's time zone cannot shift them.
 */
import { PapershelfError } from '../model/errors.ts';

export interface DateOptions {
  date?: string;
  from?: string;
  to?: string;
  week?: string;
  month?: string;
}

const DAY_MS = 86_400_000;
/** Ten years of days: enough for the whole Daily Papers archive, not enough for a typo like `0001-01-01`. */
export const MAX_DAYS = 3660;

function bad(message: string): PapershelfError {
  return new PapershelfError('bad-input', message);
}

/** Milliseconds at UTC midnight of a `YYYY-MM-DD` date that really exists (no 2026-02-30). */
export function parseDay(text: string, name = 'date'): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  const time = match ? new Date(0).setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(time) || formatDay(time) !== text) throw bad(`${name}: "${text}" is not a date (YYYY-MM-DD)`);
  return time;
}

export function formatDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const start = parseDay(from, 'from');
  const end = parseDay(to, 'to');
  if (start > end) throw bad(`from ${from} is after to ${to}`);
  const count = (end - start) / DAY_MS + 1;
  if (count > MAX_DAYS) throw bad(`${count} days from ${from} to ${to} is more than the ${MAX_DAYS} one fetch may cover`);
  return Array.from({ length: count }, (_, i) => formatDay(start + i * DAY_MS));
}

/** Monday of ISO week 1: the Monday on or before January 4th. */
function isoWeekOneMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
}

export function isoWeekDays(week: string): string[] {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  const year = Number(match?.[1]);
  const number = Number(match?.[2]);
  if (!match || number < 1) throw bad(`week: "${week}" is not an ISO week (YYYY-Www, e.g. 2026-W03)`);
  const monday = isoWeekOneMonday(year) + (number - 1) * 7 * DAY_MS;
  // Week 53 exists only in years whose last week still has its Thursday in that year.
  if (new Date(monday + 3 * DAY_MS).getUTCFullYear() !== year) throw bad(`week: ${year} has no week ${number}`);
  return Array.from({ length: 7 }, (_, i) => formatDay(monday + i * DAY_MS));
}

export function monthDays(month: string): string[] {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const m = Number(match?.[2]);
  if (!match || m < 1 || m > 12) throw bad(`month: "${month}" is not a month (YYYY-MM)`);
  const first = Date.UTC(Number(match[1]), m - 1, 1);
  const last = Date.UTC(Number(match[1]), m, 0);
  return daysBetween(formatDay(first), formatDay(last));
}

/**
 * The days one set of options names. Exactly one form may be given; `--from` without `--to` runs to
 * `today`. Days after `today` (when given) are dropped: their listings do not exist yet.
 */
export function selectDays(options: DateOptions, today?: string): string[] {
  const forms = [options.date, options.from ?? options.to, options.week, options.month].filter((value) => value !== undefined);
  if (forms.length !== 1) throw bad('give exactly one of --date D, --from D --to D, --week YYYY-Www or --month YYYY-MM');
  let days: string[];
  if (options.date !== undefined) days = [formatDay(parseDay(options.date))];
  else if (options.week !== undefined) days = isoWeekDays(options.week);
  else if (options.month !== undefined) days = monthDays(options.month);
  else {
    const to = options.to ?? today;
    if (options.from === undefined || to === undefined) throw bad('--from and --to go together');
    days = daysBetween(options.from, to);
  }
  if (today === undefined) return days;
  parseDay(today, 'today');
  return days.filter((day) => day <= today);
}
