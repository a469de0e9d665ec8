/**
 * What the desktop installers contain (electron-builder cannot download Electron here, so its
 * configuration is checked instead): only built output, no node_modules, hardened fuses, and the
 * executable named as the command the deb links into /usr/bin.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fixtures.ts';

const config = readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8');
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;

/** The entries of a top-level YAML list (`key:` followed by `  - item` lines). */
function yamlList(key: string): string[] {
  const block = new RegExp(`^${key}:\\n((?: {2}- .*\\n)+)`, 'm').exec(config)?.[1] ?? '';
  return block.split('\n').filter(Boolean).map((line) => line.replace(/^ {2}- /, '').replace(/^"(.*)"$/, '$1'));
}

describe('desktop package (electron-builder.yml)', () => {
  it('packages only the built main process and window, and package.json', () => {
    expect(yamlList('files')).toEqual(['build/main/**', 'build/renderer/**', 'package.json', '!**/*.map']);
    expect(config).toMatch(/^npmRebuild: false$/m);
  });

  it('has nothing to take from node_modules: the package has no runtime dependencies', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('keeps the fuses hardened and names the Linux executable papershelf', () => {
    expect(config).toMatch(/^ {2}runAsNode: false$/m);
    expect(config).toMatch(/^ {2}onlyLoadAppFromAsar: true$/m);
    expect(config).toMatch(/^ {2}executableName: papershelf$/m);
  });
});
