/**
 * axe-core run inside the page. Its source is evaluated through the debugging protocol, which the
 * page's CSP does not govern, so the window is checked exactly as it is served.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Page code as text: the tests' TypeScript has no DOM library. */
const RUN_AXE = `axe.run(document).then((result) => ({
  checked: [...result.passes, ...result.violations].map((rule) => rule.id),
  violations: result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 6).map((n) => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\\s+/g, ' ')),
  })),
}))`;

/** Every violation axe finds on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const { checked, violations } = (await page.evaluate(RUN_AXE)) as { checked: string[]; violations: AxeViolation[] };
  // A run that never reached the rules this check is for would pass silently.
  for (const rule of ['color-contrast', 'button-name', 'aria-allowed-attr']) {
    if (!checked.includes(rule)) throw new Error(`axe did not check ${rule} on this page (checked: ${checked.join(', ')})`);
  }
  if (process.env.PAPERSHELF_AXE_VERBOSE) console.log(JSON.stringify(violations, null, 1));
  return violations;
}

/** The serious and critical ones, one readable line each, so a failure says what to fix. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const found = await axeViolations(page);
  return found
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help}\n    ${violation.nodes.join('\n    ')}`);
}
