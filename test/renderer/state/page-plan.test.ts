import { describe, expect, it } from 'vitest';
import { AT_REST, MAX_AHEAD_PAGES, planPages, TravelMeter, type Travel } from '../../../renderer/state/page-plan.ts';

const plan = (first: number, last: number, travel: Travel, total = 50_000) => planPages({ first, last, total, pageSize: 100, travel });

describe('page plan', () => {
  it('at rest wants the pages in view, then one page on each side, nearest first', () => {
    expect(plan(1_050, 1_070, AT_REST)).toEqual({ view: [10], prefetch: [11, 9] });
    expect(plan(1_090, 1_110, AT_REST)).toEqual({ view: [10, 11], prefetch: [12, 9] });
  });

  it('fetches further ahead the faster the scroll, in its direction, and keeps one page behind', () => {
    const slow = plan(1_050, 1_070, { direction: 1, rowsPerSecond: 100 });
    const fast = plan(1_050, 1_070, { direction: 1, rowsPerSecond: 800 });
    expect(slow).toEqual({ view: [10], prefetch: [11, 12, 9] });
    expect(fast).toEqual({ view: [10], prefetch: [11, 12, 13, 14, 15, 16, 9] });
    expect(plan(1_050, 1_070, { direction: -1, rowsPerSecond: 800 })).toEqual({ view: [10], prefetch: [9, 8, 7, 6, 5, 4, 11] });
  });

  it('never asks for more than MAX_AHEAD_PAGES ahead, nor for pages beyond either end', () => {
    const flung = plan(1_050, 1_070, { direction: 1, rowsPerSecond: 1_000_000 });
    expect(flung.prefetch).toHaveLength(MAX_AHEAD_PAGES + 1);
    expect(plan(49_980, 49_999, { direction: 1, rowsPerSecond: 5_000 })).toEqual({ view: [499], prefetch: [498] });
    expect(plan(0, 20, { direction: -1, rowsPerSecond: 5_000 })).toEqual({ view: [0], prefetch: [1] });
    expect(plan(0, 20, AT_REST, 0)).toEqual({ view: [], prefetch: [] });
    expect(plan(0, 20, AT_REST, 30)).toEqual({ view: [0], prefetch: [] });
  });
});

describe('travel meter', () => {
  it('tells the direction and a smoothed speed, and forgets the speed after a pause', () => {
    const meter = new TravelMeter();
    expect(meter.update(0, 0)).toEqual(AT_REST);
    expect(meter.update(30, 16)).toEqual({ direction: 1, rowsPerSecond: 1875 });
    // One slow frame in the same direction halves the speed rather than dropping it.
    expect(meter.update(30, 32).rowsPerSecond).toBe(1875);
    expect(meter.update(31, 48)).toEqual({ direction: 1, rowsPerSecond: (1875 + 62.5) / 2 });
    expect(meter.update(31, 400)).toEqual({ direction: 1, rowsPerSecond: 0 });
    // Turning back starts afresh in the new direction.
    expect(meter.update(11, 416)).toEqual({ direction: -1, rowsPerSecond: 1250 });
    // A jump (End, the scrollbar) has a direction but no speed to extrapolate.
    expect(meter.update(40_000, 432)).toEqual({ direction: 1, rowsPerSecond: 0 });
  });
});
