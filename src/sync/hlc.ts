/*
 * Hybrid logical clock: physical milliseconds plus a counter, with the device id as the last tie-break,
 * so every change has a distinct, totally ordered stamp. Last-writer-wins fields compare these stamps,
 * never the system clock alone: a clock that runs behind still orders its changes after everything the
 * device has seen, and a clock that runs a year ahead wins only until another device has seen its
 * change — from then on that device's stamps are larger (`observe` then `tick`).
 */
import { isDeviceId } from './device-id.ts';

export interface Hlc {
  /** Milliseconds since the epoch, from the wall clock or from a larger stamp already seen. */
  readonly wall: number;
  /** Orders changes within one millisecond (and after observing a stamp from the future). */
  readonly counter: number;
  readonly device: string;
}

const WALL_DIGITS = 12;
const COUNTER_DIGITS = 4;
const MAX_COUNTER = 0xffff;
/** 16^12 ms is year 10889: anything beyond cannot be a clock reading and is refused, not adopted. */
const MAX_WALL = 16 ** WALL_DIGITS - 1;
const TEXT_PATTERN = /^([0-9a-f]{12})-([0-9a-f]{4})@(.+)$/;

export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  if (a.device === b.device) return 0;
  return a.device < b.device ? -1 : 1;
}

/** `0000018c2f3a1b2c-0001@laptop`: fixed-width hex, so the text sorts like the stamp for equal devices. */
export function formatHlc(hlc: Hlc): string {
  const wall = hlc.wall.toString(16).padStart(WALL_DIGITS, '0');
  const counter = hlc.counter.toString(16).padStart(COUNTER_DIGITS, '0');
  return `${wall}-${counter}@${hlc.device}`;
}

/** The stamp in `text`, or null when it is not one (a damaged or foreign value is ignored, not trusted). */
export function parseHlc(text: unknown): Hlc | null {
  if (typeof text !== 'string') return null;
  const match = TEXT_PATTERN.exec(text);
  if (!match?.[1] || !match[2] || !match[3] || !isDeviceId(match[3])) return null;
  return { wall: Number.parseInt(match[1], 16), counter: Number.parseInt(match[2], 16), device: match[3] };
}

/** A cheap shape check for a stamp's text (the device part is validated fully by `parseHlc`). */
const TEXT_SHAPE = /^[0-9a-f]{12}-[0-9a-f]{4}@[a-z0-9][a-z0-9_-]{0,63}$/;

export function isHlcText(text: unknown): text is string {
  return typeof text === 'string' && TEXT_SHAPE.test(text);
}

/**
 * Orders two stamps' texts as `compareHlc` orders the stamps, without parsing: wall and counter are
 * fixed-width lower-case hex, so the text compares like the numbers and then like the device ids.
 * Text that is not a stamp sorts before every stamp.
 */
export function compareHlcText(a: string, b: string): number {
  const validA = isHlcText(a);
  const validB = isHlcText(b);
  if (!validA || !validB) return validA ? 1 : validB ? -1 : 0;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class HybridClock {
  private wall = 0;
  private counter = 0;

  constructor(
    readonly device: string,
    private readonly physicalNow: () => number = Date.now,
  ) {
    if (!isDeviceId(device)) throw new Error(`not a device id: ${JSON.stringify(device)}`);
  }

  /** A stamp for a change made now: larger than every stamp this clock issued or observed. */
  tick(): Hlc {
    const physical = Math.min(Math.max(0, Math.floor(this.physicalNow())), MAX_WALL);
    if (physical > this.wall) {
      this.wall = physical;
      this.counter = 0;
    } else if (this.counter < MAX_COUNTER) {
      this.counter += 1;
    } else {
      this.wall += 1;
      this.counter = 0;
    }
    return { wall: this.wall, counter: this.counter, device: this.device };
  }

  /** Takes in a stamp seen in another device's change, so the next tick orders after it. */
  observe(seen: Hlc): void {
    if (seen.wall > MAX_WALL) return;
    if (seen.wall > this.wall || (seen.wall === this.wall && seen.counter > this.counter)) {
      this.wall = seen.wall;
      this.counter = seen.counter;
    }
  }

  /** The largest stamp issued or observed so far (no device part: it is a bound, not a change). */
  latest(): { wall: number; counter: number } {
    return { wall: this.wall, counter: this.counter };
  }
}
