import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../src/store/data-dir.ts';
import { tempDir } from '../helpers/fixtures.ts';

describe('resolveDataDir', () => {
  it('prefers the flag, then PAPERSHELF_DATA_DIR, and creates the folder', () => {
    const root = tempDir();
    const flag = join(root, 'from-flag', 'nested');
    const env = { PAPERSHELF_DATA_DIR: join(root, 'from-env') };
    expect(resolveDataDir(flag, env)).toBe(flag);
    expect(existsSync(flag)).toBe(true);
    expect(resolveDataDir(null, env)).toBe(join(root, 'from-env'));
    expect(resolveDataDir('', env)).toBe(join(root, 'from-env'));
    expect(existsSync(join(root, 'from-env'))).toBe(true);
  });

  it('makes a relative flag absolute', () => {
    const dir = tempDir();
    expect(resolveDataDir(relative(process.cwd(), join(dir, 'lib')), {})).toBe(join(dir, 'lib'));
    expect(resolveDataDir(join(dir, 'a', '..', 'b'), {})).toBe(join(dir, 'b'));
  });

  // Elsewhere the fallback is the real per-user folder, which a test must not create.
  it.runIf(process.platform === 'linux')('falls back to the per-user folder when neither is set', () => {
    const root = tempDir();
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: root, PAPERSHELF_DATA_DIR: '  ' })).toBe(join(root, 'Papershelf'));
    expect(existsSync(join(root, 'Papershelf'))).toBe(true);
  });
});

describe('defaultDataDir (the folder Electron’s userData uses)', () => {
  it('follows each platform’s convention', () => {
    expect(defaultDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/Papershelf');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/ada')).toBe('/xdg/Papershelf');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux', '/home/ada')).toBe('/home/ada/.config/Papershelf');
    expect(defaultDataDir({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/Papershelf');
    expect(defaultDataDir({ APPDATA: 'C:/Users/ada/AppData/Roaming' }, 'win32', 'C:/Users/ada')).toBe(
      join('C:/Users/ada/AppData/Roaming', 'Papershelf'),
    );
    expect(defaultDataDir({}, 'win32', 'C:/Users/ada')).toBe(join('C:/Users/ada', 'AppData', 'Roaming', 'Papershelf'));
  });
});
