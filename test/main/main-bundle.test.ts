import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../src/api/contract.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/server/content-security.ts';
import { secureWebPreferences } from '../../main/window-options.ts';
import { fixturePath, REPO_ROOT, tempDir } from '../helpers/fixtures.ts';

/**
 * Electron cannot be launched here, so the bundle that `npm start` and the packaged app run is
 * loaded in Node with a fake of the Electron APIs (fake-electron-harness.cjs). This catches what
 * unit tests cannot: bundling mistakes, start-up order, and the wiring of IPC, protocol and menu.
 */
const appPath = mkdtempSync(join(tmpdir(), 'papershelf-app-'));
const outdir = join(appPath, 'build', 'main');

beforeAll(() => {
  const built = spawnSync(process.execPath, [join(REPO_ROOT, 'build.mjs'), 'main', '--main-outdir', outdir, '--quiet'], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  mkdirSync(join(appPath, 'build', 'renderer'), { recursive: true });
  writeFileSync(join(appPath, 'build', 'renderer', 'index.html'), '<!doctype html><title>Papershelf</title>');
  cpSync(join(REPO_ROOT, 'package.json'), join(appPath, 'package.json'));
}, 120_000);
afterAll(() => rmSync(appPath, { recursive: true, force: true }));

/** Plays one session of the harness; returns its report, the process's stdout before it, and stderr. */
function harness(env: Record<string, string>) {
  const run = spawnSync(process.execPath, [join(REPO_ROOT, 'test/main/fake-electron-harness.cjs'), join(outdir, 'main.cjs')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, APP_PATH: appPath, USER_DATA: tempDir(), IMPORT_FILE: fixturePath('arxiv-query-testing.xml'), PAPERSHELF_DATA_DIR: '', ...env },
  });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  const lines = run.stdout.trimEnd().split('\n');
  return { report: JSON.parse(lines.pop() ?? '{}'), stdout: lines.join('\n'), stderr: run.stderr };
}

describe('bundled main process (build.mjs main)', () => {
  it('starts, opens one secure window on papershelf://app/, and routes IPC, protocol and menu', { timeout: 60_000 }, () => {
    expect(existsSync(join(outdir, 'preload.cjs'))).toBe(true);
    const { report } = harness({});

    expect(report.errors).toEqual([]);
    expect(report.privileged).toEqual([{ scheme: 'papershelf', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(report.appEvents).toEqual(expect.arrayContaining(['web-contents-created', 'second-instance', 'window-all-closed']));
    expect(report.windows).toHaveLength(1);
    expect(report.windows[0].webPreferences).toEqual(secureWebPreferences(join(appPath, 'build', 'main', 'preload.cjs')));
    expect(report.loaded).toEqual(['papershelf://app/index.html']);
    expect(report.ipcChannels).toEqual(['papershelf:flushed', 'papershelf:invoke']);
    expect(report.stats).toMatchObject({ ok: true, value: { papers: 0 } });
    expect(report.foreign).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(report.imported).toMatchObject({ ok: true, value: { added: 10 } });
    expect(report.sent).toEqual([
      ['papershelf:change', expect.objectContaining({ kind: 'papers' })],
      ['papershelf:menu', 'find'],
    ]);
    expect(report.protocol).toEqual([
      { url: 'papershelf://app/', status: 200, csp: CONTENT_SECURITY_POLICY },
      { url: 'papershelf://app/%2e%2e/package.json', status: 404, csp: null },
    ]);

    // The preload as a sandboxed renderer runs it: `require` knows only 'electron'.
    const exposed: Record<string, Record<string, unknown>> = {};
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => void (exposed[key] = api) },
      ipcRenderer: { invoke: async () => ({ ok: true, value: true }), on: () => {}, removeListener: () => {} },
    };
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require "${name}"`);
    };
    runInNewContext(readFileSync(join(outdir, 'preload.cjs'), 'utf8'), { require: sandboxRequire, module: { exports: {} }, exports: {} });
    expect(Object.keys(exposed)).toEqual(['papershelf']);
    expect(Object.keys(exposed.papershelf ?? {}).sort()).toEqual([...OPERATION_NAMES, 'onChange', 'onMenu', 'onQuitRequest', 'openExternal', 'pdfUrl', 'saveFile'].sort());
  });

  it('quitting asks the page to flush its unsaved note, then waits for the writes still running', { timeout: 60_000 }, () => {
    const { report } = harness({ HARNESS_MODE: 'quit' });
    const typed = expect.stringContaining('typed just before quitting');
    const appended = expect.stringContaining('appended while quitting');
    // The window's close is held until the page has sent its note and said so.
    expect(report.flushRequested).toBe(true);
    expect(report.notesWhenCloseHeld).toEqual([]);
    expect(report.appEvents).toEqual(expect.arrayContaining(['window close held', 'window closed']));
    expect(report.flushAnswered).toMatchObject({ ok: true });
    // will-quit is held while a write runs; the app quits only once both notes are on disk.
    expect(report.willQuitPrevented).toBe(true);
    expect(report.quitsRightAfterWillQuit).toBe(0);
    expect(report.quits.at(-1)).toEqual(expect.arrayContaining([typed, appended]));
    expect(report.errors).toEqual([]);
  });

  it('started with a command, runs the CLI without a window and exits with its code', { timeout: 60_000 }, () => {
    const dataDir = tempDir();
    const sample = join(REPO_ROOT, 'assets', 'samples', 'hf-papers-page.txt');
    const imported = harness({ HARNESS_MODE: 'cli', HARNESS_ARGS: JSON.stringify(['--data-dir', dataDir, 'import', sample, '--json']) });
    expect(imported.report.exit).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 59, skipped: 0 });
    expect(imported.report.windows).toEqual([]);
    expect(imported.report.appEvents).toEqual([]);
    expect(imported.report.switches).toContain('disableHardwareAcceleration');

    const stats = harness({ HARNESS_MODE: 'cli', HARNESS_ARGS: JSON.stringify(['stats', '--json', '--data-dir', dataDir]) });
    expect(JSON.parse(stats.stdout)).toMatchObject({ papers: 59 });

    const missing = harness({ HARNESS_MODE: 'cli', HARNESS_ARGS: JSON.stringify(['--data-dir', dataDir, 'show', 'no-such-paper']) });
    expect(missing.report.exit).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});
