/**
 * The set-up most window tests share: a library imported from the recorded fixtures, served by the
 * bundled `papershelf serve`, and Debian's Chromium to open it. Registers the suite's beforeAll and
 * afterAll; the returned object is filled in once beforeAll has run.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { ServeProcess } from '../server/serve-process.ts';
import { launchChromium } from './chromium.ts';
import { importFixtures, libraryFolder, removeFolder, requireBuiltWindow, serveLibrary } from './e2e-library.ts';

export interface ServedApp {
  dataDir: string;
  serve: ServeProcess;
  browser: Browser;
}

export interface ServedAppOptions {
  /** Fixture file names to import (default: all of them). */
  fixtures?: string[];
  /** More set-up once the server runs, before Chromium starts. */
  prepare?: (app: Omit<ServedApp, 'browser'>) => Promise<void>;
  timeoutMs?: number;
}

export function useServedApp(options: ServedAppOptions = {}): ServedApp {
  const app = {} as ServedApp;
  beforeAll(async () => {
    requireBuiltWindow();
    app.dataDir = libraryFolder();
    importFixtures(app.dataDir, options.fixtures);
    app.serve = await serveLibrary(app.dataDir);
    await options.prepare?.(app);
    app.browser = await launchChromium();
  }, options.timeoutMs ?? 180_000);
  afterAll(async () => {
    await app.browser?.close();
    await app.serve?.stop();
    if (app.dataDir) removeFolder(app.dataDir);
  });
  return app;
}
