/**
 * Visual regression: a screenshot is compared with the committed PNG under __screenshots__/ and fails
 * on a real change. PAPERSHELF_UPDATE_SCREENSHOTS=1 (npm run test:update-screenshots) rewrites them.
 * The references are drawn by Debian's Chromium with this machine's fonts; another font set draws
 * other pixels, so update them on the machine that runs the tests.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { REPO_ROOT } from '../helpers/fixtures.ts';

export const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', '__screenshots__');
export const UPDATING = process.env.PAPERSHELF_UPDATE_SCREENSHOTS === '1';
const DIFFS = join(tmpdir(), 'papershelf-screenshot-diffs');

/**
 * Per-pixel colour distance pixelmatch forgives (0–1; anti-aliasing is ignored too), and how many
 * pixels may still differ: repeated runs here match exactly, while one changed word is hundreds.
 */
const PIXEL_THRESHOLD = 0.1;
export const allowedChanges = (total: number): number => Math.max(50, Math.round(total * 0.0001));

/** Page options that make dates, numbers and progress bars draw the same on every run. */
export const STILL_PAGE = { locale: 'en-US', timezoneId: 'UTC', reducedMotion: 'reduce' } as const;

export interface Comparison {
  changed: number;
  total: number;
  /** Where the picture and its diff were written when they differ. */
  diffPath: string | null;
}

/** Counts the pixels that differ between two PNGs of the same size. */
export function comparePngs(expected: Buffer, actual: Buffer, name: string): Comparison {
  const a = PNG.sync.read(expected);
  const b = PNG.sync.read(actual);
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`${name}: the screenshot is ${b.width}×${b.height}, the reference ${a.width}×${a.height}`);
  }
  const diff = new PNG({ width: a.width, height: a.height });
  const changed = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: PIXEL_THRESHOLD });
  const total = a.width * a.height;
  if (changed <= allowedChanges(total)) return { changed, total, diffPath: null };
  mkdirSync(DIFFS, { recursive: true });
  writeFileSync(join(DIFFS, `${name}.actual.png`), actual);
  const diffPath = join(DIFFS, `${name}.diff.png`);
  writeFileSync(diffPath, PNG.sync.write(diff));
  return { changed, total, diffPath };
}

/**
 * Takes the viewport once its fonts are in and the pointer is out of the way, then compares it with
 * `__screenshots__/<name>.png` (or rewrites that when updating). Throws on a real change.
 */
export async function matchScreenshot(page: Page, name: string): Promise<Comparison | null> {
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  const viewport = page.viewportSize();
  // The pointer would leave a hover highlight wherever the last click was.
  await page.mouse.move(0, (viewport?.height ?? 1) - 1);
  const actual = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  const path = join(SCREENSHOTS, `${name}.png`);
  if (UPDATING) {
    writeFileSync(path, actual);
    return null;
  }
  if (!existsSync(path)) throw new Error(`${name}: no reference picture at ${path}; run npm run test:update-screenshots and commit it`);
  const result = comparePngs(readFileSync(path), actual, name);
  if (result.changed > 0) console.log(`${name}: ${result.changed} of ${result.total} pixels differ (within tolerance)`);
  if (result.diffPath) {
    const percent = ((result.changed / result.total) * 100).toFixed(2);
    throw new Error(
      `${name}: ${result.changed} pixels (${percent}%) differ from the reference; see ${result.diffPath}. ` +
        'If the change is intended, run npm run test:update-screenshots and commit the pictures.',
    );
  }
  return result;
}
