import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fixtures.ts';

const run = promisify(execFile);
const DEPCRUISE = join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = join(REPO_ROOT, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Runs dependency-cruiser with the repository's rules over `folders` of `cwd`; returns its violations. */
async function violations(cwd: string, folders: string[]): Promise<string[]> {
  const { stdout } = await run(process.execPath, [DEPCRUISE, ...folders, '--config', CONFIG, '--output-type', 'json'], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const report = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe('dependency rules (.dependency-cruiser.cjs, DESIGN.md)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'papershelf-deps-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  function file(path: string, text: string): void {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), text);
  }

  it('catch each forbidden direction in a small tree that breaks them all', async () => {
    file('tsconfig.json', JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, noEmit: true } }));
    file('main/shell.ts', 'export const shell = 1;\n');
    file('renderer/view.tsx', "import { readFileSync } from 'node:fs';\nimport { store } from '../src/store/store.ts';\nimport { paper } from '../src/model/paper.ts';\nexport const view = [readFileSync, store, paper];\n");
    file('src/model/paper.ts', "import { disk } from '../store/disk.ts';\nexport const paper = disk;\n");
    file('src/store/disk.ts', "import { statSync } from 'node:fs';\nexport const disk = statSync;\n");
    file('src/api/contract.ts', "export const contract = 1;\n");
    file('src/store/store.ts', "import { contract } from '../api/contract.ts';\nexport const store = contract;\n");
    file('src/cli/main.ts', "import { shell } from '../../main/shell.ts';\nimport type { view } from '../../renderer/view.tsx';\nexport const cli: [number, typeof view] = [shell, []];\n");

    expect(await violations(scratch, ['src', 'main', 'renderer'])).toEqual([
      'browser-safe-src-stays-browser-safe: src/model/paper.ts -> src/store/disk.ts',
      'core-imports-no-door: src/cli/main.ts -> main/shell.ts',
      'core-imports-no-door: src/cli/main.ts -> renderer/view.tsx',
      'store-imports-no-api: src/store/store.ts -> src/api/contract.ts',
      'window-code-uses-no-node: renderer/view.tsx -> fs',
      'window-imports-browser-safe-src: renderer/view.tsx -> src/store/store.ts',
    ]);
  });

  it('hold for src/, main/ and renderer/ of this repository', async () => {
    expect(await violations(REPO_ROOT, ['src', 'main', 'renderer'])).toEqual([]);
  });
});
