/**
 * Where the window was and how big, kept in the user-data folder (window-state.json) so the next
 * start opens it the same way. Everything else the window remembers goes through the contract
 * (getUiState / saveUiState); a broken file here just means default bounds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomicSync } from '../src/store/atomic-write.ts';

const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof boundsSchema>;

export const WINDOW_STATE_FILE = 'window-state.json';

export function readWindowState(dir: string): WindowState | null {
  try {
    const parsed = boundsSchema.safeParse(JSON.parse(readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeWindowState(dir: string, state: WindowState): void {
  writeFileAtomicSync(join(dir, WINDOW_STATE_FILE), `${JSON.stringify(boundsSchema.parse(state), null, 2)}\n`);
}
