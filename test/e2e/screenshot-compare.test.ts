import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { allowedChanges, comparePngs } from './screenshot-compare.ts';

const WIDTH = 400;
const HEIGHT = 300;

/** A white picture with the given rectangles painted dark grey. */
function picture(...boxes: Array<[x: number, y: number, w: number, h: number]>): Buffer {
  const png = new PNG({ width: WIDTH, height: HEIGHT });
  png.data.fill(255);
  for (const [bx, by, bw, bh] of boxes) {
    for (let y = by; y < by + bh; y++) {
      for (let x = bx; x < bx + bw; x++) png.data.fill(60, (y * WIDTH + x) * 4, (y * WIDTH + x) * 4 + 3);
    }
  }
  return PNG.sync.write(png);
}

describe('screenshot comparison', () => {
  it('accepts the same picture and a few stray pixels', () => {
    expect(comparePngs(picture([10, 10, 50, 20]), picture([10, 10, 50, 20]), 'same')).toMatchObject({ changed: 0, diffPath: null });
    const stray = comparePngs(picture([10, 10, 50, 20]), picture([10, 10, 50, 20], [200, 200, 4, 4]), 'stray');
    expect(stray.changed).toBe(16);
    expect(stray.diffPath).toBeNull();
  });

  it('fails on a change the size of a word, and writes the diff', () => {
    expect(allowedChanges(WIDTH * HEIGHT)).toBeLessThan(60);
    const word = comparePngs(picture([10, 10, 50, 20]), picture([10, 10, 50, 20], [120, 40, 30, 10]), 'word');
    expect(word.changed).toBe(300);
    expect(word.diffPath).toMatch(/word\.diff\.png$/);
  });

  it('refuses pictures of different sizes', () => {
    const other = new PNG({ width: WIDTH, height: HEIGHT + 1 });
    expect(() => comparePngs(picture(), PNG.sync.write(other), 'resized')).toThrow('400×301');
  });
});
