/**
 * Which pages of the list to have loaded, and in which order, for where the list is and where it is
 * going: the pages in view first, then pages ahead in the direction of travel (more the faster the
 * scroll, so the next rows are there before they scroll in), then one page behind (a scroll often
 * turns back). Pure functions of the view and of the scroll's recent history, so they are tested
 * without a list or a clock.
 */

export interface Travel {
  /** 1 down the list, -1 up, 0 not moving (or not yet). */
  direction: -1 | 0 | 1;
  /** Recent speed, in rows per second. */
  rowsPerSecond: number;
}

export const AT_REST: Travel = { direction: 0, rowsPerSecond: 0 };

/** How far ahead a scroll is met: the rows it covers in this long (a page request's time, with margin). */
const LOOKAHEAD_MS = 600;
/** Pages fetched ahead at most, whatever the speed (a scrollbar flung from top to bottom). */
export const MAX_AHEAD_PAGES = 6;
/** A pause this long means the scroll stopped: its speed no longer counts. */
const IDLE_MS = 250;

/**
 * Follows the first row in view over time and says which way, and how fast, the list is moving. A
 * move of more than `jumpRows` at once (End, Home, a click or drag on the scrollbar) is a jump: it
 * gives a direction but no speed, since nothing says the next move will cover as much.
 */
export class TravelMeter {
  private last: { first: number; at: number } | null = null;
  private travel: Travel = AT_REST;

  constructor(private readonly jumpRows = 500) {}

  update(first: number, at: number): Travel {
    const last = this.last;
    this.last = { first, at };
    if (!last) return this.travel;
    const rows = first - last.first;
    const elapsed = Math.max(1, at - last.at);
    if (rows === 0) {
      if (elapsed > IDLE_MS) this.travel = { direction: this.travel.direction, rowsPerSecond: 0 };
      return this.travel;
    }
    const direction = rows > 0 ? 1 : -1;
    if (Math.abs(rows) > this.jumpRows) {
      this.travel = { direction, rowsPerSecond: 0 };
      return this.travel;
    }
    const speed = (Math.abs(rows) / elapsed) * 1000;
    // Smoothed while the scroll keeps its direction, so one slow frame does not drop the lookahead.
    const kept = direction === this.travel.direction && elapsed <= IDLE_MS ? this.travel.rowsPerSecond : speed;
    this.travel = { direction, rowsPerSecond: (kept + speed) / 2 };
    return this.travel;
  }
}

export interface PlanInput {
  /** First and last row in view. */
  first: number;
  last: number;
  total: number;
  pageSize: number;
  travel: Travel;
}

export interface PagePlan {
  /** Pages holding the rows in view: fetched at once. */
  view: number[];
  /** Pages to fetch next, most needed first: ahead in the direction of travel, then behind. */
  prefetch: number[];
}

function range(from: number, to: number): number[] {
  const pages: number[] = [];
  for (let page = from; page <= to; page += 1) pages.push(page);
  return pages;
}

export function planPages({ first, last, total, pageSize, travel }: PlanInput): PagePlan {
  const pageCount = Math.ceil(total / pageSize);
  if (pageCount === 0) return { view: [], prefetch: [] };
  const top = Math.min(pageCount - 1, Math.max(0, Math.floor(first / pageSize)));
  const bottom = Math.min(pageCount - 1, Math.max(top, Math.floor(Math.max(first, last) / pageSize)));
  const aheadRows = pageSize + (travel.rowsPerSecond * LOOKAHEAD_MS) / 1000;
  const ahead = Math.min(MAX_AHEAD_PAGES, Math.ceil(aheadRows / pageSize));
  const down = range(bottom + 1, bottom + (travel.direction >= 0 ? ahead : 1));
  const up = range(top - (travel.direction <= 0 ? ahead : 1), top - 1).reverse();
  // Nearest first on each side; the side being travelled to goes first, one page behind after it.
  const [forward, backward] = travel.direction < 0 ? [up, down] : [down, up];
  const prefetch = travel.direction === 0 ? interleave(forward, backward) : [...forward, ...backward];
  return { view: range(top, bottom), prefetch: prefetch.filter((page) => page >= 0 && page < pageCount) };
}

function interleave(a: number[], b: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (i < a.length) out.push(a[i] as number);
    if (i < b.length) out.push(b[i] as number);
  }
  return out;
}
