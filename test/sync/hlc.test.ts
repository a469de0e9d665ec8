import { describe, expect, it } from 'vitest';
import { compareHlc, compareHlcText, formatHlc, HybridClock, parseHlc, type Hlc } from '../../src/sync/hlc.ts';

describe('hybrid logical clock', () => {
  it('issues strictly increasing stamps even when the wall clock stands still or goes back', () => {
    let wall = 5_000;
    const clock = new HybridClock('laptop', () => wall);
    const stamps: Hlc[] = [clock.tick(), clock.tick()];
    wall = 1_000;
    stamps.push(clock.tick(), clock.tick());
    wall = 9_000;
    stamps.push(clock.tick());
    for (let i = 1; i < stamps.length; i++) expect(compareHlc(stamps[i - 1] as Hlc, stamps[i] as Hlc)).toBe(-1);
    expect(stamps[4]).toEqual({ wall: 9_000, counter: 0, device: 'laptop' });
  });

  it('orders the next stamp after any stamp it has observed, even one a year ahead', () => {
    const yearAhead = Date.UTC(2027, 0, 1);
    const fast = new HybridClock('fast', () => yearAhead);
    const seen = fast.tick();
    const slow = new HybridClock('slow', () => Date.UTC(2026, 0, 1));
    expect(compareHlc(slow.tick(), seen)).toBe(-1);
    slow.observe(seen);
    const next = slow.tick();
    expect(compareHlc(next, seen)).toBe(1);
    expect(next.wall).toBe(seen.wall);
  });

  it('breaks ties between devices by device id, so every two stamps are ordered', () => {
    const a: Hlc = { wall: 10, counter: 2, device: 'a' };
    const b: Hlc = { wall: 10, counter: 2, device: 'b' };
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, a)).toBe(1);
    expect(compareHlc(a, { ...a })).toBe(0);
  });

  it('rolls the counter over into the next millisecond', () => {
    const clock = new HybridClock('laptop', () => 7);
    clock.observe({ wall: 7, counter: 0xffff, device: 'x' });
    expect(clock.tick()).toEqual({ wall: 8, counter: 0, device: 'laptop' });
  });

  it('round-trips through text and refuses what is not a stamp', () => {
    const stamp: Hlc = { wall: Date.UTC(2026, 10, 29), counter: 3, device: 'desk-top_2' };
    expect(parseHlc(formatHlc(stamp))).toEqual(stamp);
    for (const bad of ['', 'x', '0000018c2f3a1b2c-0001', '0000018c2f3a1b2c-0001@Bad Id', 42, null]) expect(parseHlc(bad)).toBeNull();
  });

  it('orders stamp texts exactly as it orders the stamps', () => {
    const devices = ['a', 'ab', 'b', 'a-1', 'a_1', 'z9'];
    const stamps: Hlc[] = [];
    for (const wall of [0, 15, 16, 255, 256, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)]) {
      for (const counter of [0, 9, 10, 0xffff]) for (const device of devices) stamps.push({ wall, counter, device });
    }
    for (const x of stamps) {
      for (const y of stamps) expect(compareHlcText(formatHlc(x), formatHlc(y))).toBe(compareHlc(x, y));
    }
    expect(compareHlcText('damaged', formatHlc(stamps[0] as Hlc))).toBe(-1);
  });

  it('refuses a device id that is not safe as a file name', () => {
    expect(() => new HybridClock('../etc')).toThrow(/not a device id/);
  });
});
