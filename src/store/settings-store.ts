/**
 * settings.json: the window's remembered state (query, view, sort, selection, pane sizes, theme),
 * kept with `conf`, the Node half of electron-store. A damaged file is moved to backups/ and the
 * defaults are used: it holds no user data worth more than a restart.
 */
import { join, relative } from 'node:path';
import Conf from 'conf';
import { DEFAULT_UI_STATE } from '../model/ui-state.ts';
import { uiStateSchema, type UiState } from '../model/ui-state-schema.ts';
import { moveToBackups } from './backups.ts';
import { asDiskRefusal, ensurePrivateDir, isDiskRefusal, PRIVATE_FILE_MODE } from './disk-errors.ts';
import { readUtf8IfExists } from './read-text.ts';

export type { UiState };

export class SettingsStore {
  /** Null when the disk refused to create the file: settings then live in memory for this run. */
  private readonly conf: Conf<{ ui: UiState }> | null;
  private inMemory: UiState = DEFAULT_UI_STATE;
  readonly problems: string[] = [];

  constructor(dataDir: string) {
    const path = join(dataDir, 'settings.json');
    const problem = problemOf(readUtf8IfExists(path));
    if (problem) {
      // conf would read text that is not UTF-8 with U+FFFD and write it back so: keep the original.
      const moved = relative(dataDir, moveToBackups(dataDir, path, problem));
      this.problems.push(`settings.json ${problem}: moved it to ${moved}; window settings were reset`);
    }
    this.conf = this.openConf(dataDir);
  }

  /** conf writes its defaults when it opens: a full or read-only disk must not stop the window opening. */
  private openConf(dataDir: string): Conf<{ ui: UiState }> | null {
    try {
      ensurePrivateDir(dataDir);
      return new Conf<{ ui: UiState }>({
        cwd: dataDir,
        configName: 'settings',
        projectName: 'papershelf',
        clearInvalidConfig: false,
        configFileMode: PRIVATE_FILE_MODE,
        defaults: { ui: DEFAULT_UI_STATE },
      });
    } catch (error) {
      if (!isDiskRefusal(error)) throw error;
      this.problems.push(`window settings cannot be saved: ${(asDiskRefusal(error) as Error).message}`);
      return null;
    }
  }

  getUiState(): UiState {
    const parsed = uiStateSchema.safeParse({ ...DEFAULT_UI_STATE, ...(this.conf ? this.conf.get('ui') : this.inMemory) });
    return parsed.success ? parsed.data : DEFAULT_UI_STATE;
  }

  saveUiState(change: Partial<UiState>): UiState {
    const next = uiStateSchema.parse({ ...this.getUiState(), ...change });
    if (!this.conf) {
      this.inMemory = next;
      return next;
    }
    try {
      this.conf.set('ui', next);
    } catch (error) {
      throw asDiskRefusal(error);
    }
    return next;
  }
}

function problemOf(read: { text: string; valid: boolean } | null): string | null {
  if (read === null) return null;
  if (!read.valid) return 'was not valid UTF-8';
  try {
    JSON.parse(read.text);
    return null;
  } catch {
    return 'was damaged';
  }
}
