/**
 * settings.json: the window's remembered state (query, view, sort, selection, pane sizes, theme),
 * kept with `conf`, the Node half of electron-store. A damaged file is moved to backups/ and the
 * defaults are used: it holds no user data worth more than a restart.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import type { z } from 'zod';
import { DEFAULT_UI_STATE, uiStateSchema } from '../api/schemas.ts';
import { moveToBackups } from './backups.ts';

export type UiState = z.infer<typeof uiStateSchema>;

export class SettingsStore {
  private readonly conf: Conf<{ ui: UiState }>;
  readonly problems: string[] = [];

  constructor(dataDir: string) {
    const path = join(dataDir, 'settings.json');
    if (existsSync(path) && !isValidJson(path)) {
      const moved = moveToBackups(dataDir, path, 'corrupt');
      this.problems.push(`settings.json was damaged and moved to ${moved}; window settings were reset`);
    }
    this.conf = new Conf<{ ui: UiState }>({
      cwd: dataDir,
      configName: 'settings',
      projectName: 'papershelf',
      clearInvalidConfig: false,
      defaults: { ui: DEFAULT_UI_STATE },
    });
  }

  getUiState(): UiState {
    const parsed = uiStateSchema.safeParse({ ...DEFAULT_UI_STATE, ...this.conf.get('ui') });
    return parsed.success ? parsed.data : DEFAULT_UI_STATE;
  }

  saveUiState(change: Partial<UiState>): UiState {
    const next = uiStateSchema.parse({ ...this.getUiState(), ...change });
    this.conf.set('ui', next);
    return next;
  }
}

function isValidJson(path: string): boolean {
  try {
    JSON.parse(readFileSync(path, 'utf8'));
    return true;
  } catch {
    return false;
  }
}
