/**
 * Imported first by every end-to-end test file. A missing Chromium or an unbuilt window fails the file
 * as it loads, with one line saying what to do: a failure in beforeAll would be reported as skipped
 * tests, which reads like a pass.
 */
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './chromium.ts';
import { RENDERER_INDEX } from './e2e-library.ts';

export function e2eSetupProblem(): string | null {
  if (!existsSync(CHROMIUM_PATH)) {
    return `end-to-end set-up: no Chromium at ${CHROMIUM_PATH} — install it (apt-get install -y chromium) or set CHROMIUM_PATH`;
  }
  if (!existsSync(RENDERER_INDEX)) return `end-to-end set-up: the window is not built (${RENDERER_INDEX} is missing) — run npm run build`;
  return null;
}

const problem = e2eSetupProblem();
if (problem) throw new Error(problem);
