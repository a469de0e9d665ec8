import { describe, expect, it } from 'vitest';
import { mostRecent, parseDateLine, referenceDay } from '../../src/importers/hf-page-dates.ts';

const day = (year: number, month: number, d: number) => ({ year, month, day: d });

describe('listing date lines', () => {
  it('reads day, year and upvotes in the shapes the page uses', () => {
    expect(parseDateLine('Feb 13 2')).toEqual({ month: 2, day: 13, year: null, upvotes: 2 });
    expect(parseDateLine('Mar 25, 2024 3')).toEqual({ month: 3, day: 25, year: 2024, upvotes: 3 });
    expect(parseDateLine('Sep 25')).toEqual({ month: 9, day: 25, year: null, upvotes: null });
    expect(parseDateLine('Nov 27, 2023')).toEqual({ month: 11, day: 27, year: 2023, upvotes: null });
    expect(parseDateLine('Sept 3 1.2k')).toEqual({ month: 9, day: 3, year: null, upvotes: 1200 });
  });

  it('rejects lines that only look like dates', () => {
    for (const line of ['Feb 30', 'Feb 29, 2023', 'Mayday 5', 'June 2024', 'Mar 25, 20', 'Oct 19, 2023 x']) {
      expect(parseDateLine(line), line).toBeNull();
    }
    expect(parseDateLine('Feb 29')).toMatchObject({ month: 2, day: 29 });
  });

  it('finds the most recent such day, going back to a leap year for Feb 29', () => {
    expect(mostRecent(12, 11, day(2025, 12, 11))).toEqual(day(2025, 12, 11));
    expect(mostRecent(12, 20, day(2025, 12, 11))).toEqual(day(2024, 12, 20));
    expect(mostRecent(2, 29, day(2027, 3, 1))).toEqual(day(2024, 2, 29));
  });
});

describe('the day year-less dates are read against', () => {
  const dec11 = { month: 12, day: 11, year: null, upvotes: null };

  it('is the year after the latest year the page names, whatever today is', () => {
    for (const today of [day(2025, 12, 11), day(2030, 1, 1)]) {
      expect(referenceDay(dec11, [2016, 2024, 2023], today).day).toEqual(day(2025, 12, 11));
    }
  });

  it('is the most recent such day when no year is named, or the named years are impossible', () => {
    expect(referenceDay(dec11, [], day(2026, 3, 1)).day).toEqual(day(2025, 12, 11));
    // A page from the future cannot be: today wins over a named year of 2026.
    expect(referenceDay(dec11, [2026], day(2026, 3, 1)).day).toEqual(day(2025, 12, 11));
  });

  it('is the page date itself when it shows a year, and today without a page date', () => {
    expect(referenceDay({ ...dec11, year: 2019 }, [2024], day(2026, 3, 1))).toEqual({ day: day(2019, 12, 11), guess: null });
    const undated = referenceDay(null, [2024], day(2026, 3, 1));
    expect(undated.day).toEqual(day(2026, 3, 1));
    expect(undated.guess).toMatch(/no date of its own/);
  });
});
