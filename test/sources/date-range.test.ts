import { describe, expect, it } from 'vitest';
import { daysBetween, isoWeekDays, MAX_DAYS, monthDays, selectDays } from '../../src/sources/date-range.ts';

describe('selectDays', () => {
  it('takes one date', () => {
    expect(selectDays({ date: '2026-07-15' })).toEqual(['2026-07-15']);
  });

  it('takes an inclusive range across a leap day and a month end', () => {
    expect(selectDays({ from: '2024-02-28', to: '2024-03-01' })).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('runs --from alone up to today', () => {
    expect(selectDays({ from: '2026-07-13' }, '2026-07-15')).toEqual(['2026-07-13', '2026-07-14', '2026-07-15']);
  });

  it('drops days after today', () => {
    expect(selectDays({ week: '2026-W29' }, '2026-07-15')).toEqual(['2026-07-13', '2026-07-14', '2026-07-15']);
  });

  it('takes a month', () => {
    const days = selectDays({ month: '2024-02' });
    expect(days).toHaveLength(29);
    expect([days[0], days.at(-1)]).toEqual(['2024-02-01', '2024-02-29']);
    expect(monthDays('2026-12').at(-1)).toBe('2026-12-31');
  });

  it.each([
    [{}, /exactly one of/],
    [{ date: '2026-07-15', week: '2026-W29' }, /exactly one of/],
    [{ to: '2026-07-15' }, /--from and --to go together/],
    [{ from: '2026-07-15' }, /--from and --to go together/],
    [{ date: '2026-02-30' }, /"2026-02-30" is not a date/],
    [{ date: '15/07/2026' }, /is not a date \(YYYY-MM-DD\)/],
    [{ from: '2026-07-15', to: '2026-07-01' }, /from 2026-07-15 is after to 2026-07-01/],
    [{ month: '2026-13' }, /is not a month/],
    [{ week: '2026-W00' }, /is not an ISO week/],
    [{ week: '2026-29' }, /is not an ISO week/],
  ])('rejects %o with a readable message', (options, message) => {
    expect(() => selectDays(options)).toThrow(message);
    try {
      selectDays(options);
    } catch (error) {
      expect(error).toMatchObject({ code: 'bad-input' });
    }
  });

  it('refuses ranges longer than ten years', () => {
    expect(daysBetween('2016-01-01', '2025-12-31')).toHaveLength(3653);
    expect(() => daysBetween('0001-01-01', '2026-01-01')).toThrow(`more than the ${MAX_DAYS}`);
  });
});

describe('isoWeekDays', () => {
  it('starts week 1 on the Monday of the week holding January 4th, even in the previous year', () => {
    expect(isoWeekDays('2026-W01')).toEqual(['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']);
    expect(isoWeekDays('2021-W01')[0]).toBe('2021-01-04');
  });

  it('knows which years have a week 53', () => {
    expect(isoWeekDays('2020-W53')).toEqual(['2020-12-28', '2020-12-29', '2020-12-30', '2020-12-31', '2021-01-01', '2021-01-02', '2021-01-03']);
    expect(isoWeekDays('2026-W53')[0]).toBe('2026-12-28');
    expect(() => isoWeekDays('2021-W53')).toThrow(/2021 has no week 53/);
  });
});
