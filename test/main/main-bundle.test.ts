import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../src/api/contract.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/server/content-security.ts';
import { secureWebPreferences } from '../../main/window-options.ts';
import { fixturePath, REPO_ROOT, tempDir } from '../helpers/fixtures.ts';

/**
 * Electron cannot be launched here, so the bundle that `npm start` and the packaged app run is
 * loaded in Node with a fake of the Electron APIs (fake-electron-harness.cjs). This catches what
 * unit tests cannot: bundling mistakes, start-up order, and the wiring of IPC, protocol and menu.
 */
describe('bundled main process (main/build.mjs)', () => {
  it('starts, opens one secure window on papershelf://app/, and routes IPC, protocol and menu', { timeout: 60_000 }, () => {
    const appPath = tempDir();
    const outdir = join(appPath, 'build', 'main');
    const built = spawnSync(process.execPath, [join(REPO_ROOT, 'main/build.mjs'), '--outdir', outdir], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    expect(existsSync(join(outdir, 'preload.cjs'))).toBe(true);
    mkdirSync(join(appPath, 'build', 'renderer'), { recursive: true });
    writeFileSync(join(appPath, 'build', 'renderer', 'index.html'), '<!doctype html><title>Papershelf</title>');
    cpSync(join(REPO_ROOT, 'package.json'), join(appPath, 'package.json'));

    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'test/main/fake-electron-harness.cjs'), join(outdir, 'main.cjs')], {
      encoding: 'utf8',
      env: { ...process.env, APP_PATH: appPath, USER_DATA: tempDir(), IMPORT_FILE: fixturePath('arxiv-query-testing.xml'), PAPERSHELF_DATA_DIR: '' },
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').pop()!);

    expect(report.errors).toEqual([]);
    expect(report.privileged).toEqual([{ scheme: 'papershelf', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(report.appEvents).toEqual(expect.arrayContaining(['web-contents-created', 'second-instance', 'window-all-closed']));
    expect(report.windows).toHaveLength(1);
    expect(report.windows[0].webPreferences).toEqual(secureWebPreferences(join(appPath, 'build', 'main', 'preload.cjs')));
    expect(report.loaded).toEqual(['papershelf://app/index.html']);
    expect(report.ipcChannels).toEqual(['papershelf:invoke']);
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
    expect(Object.keys(exposed.papershelf!).sort()).toEqual([...OPERATION_NAMES, 'onChange', 'onMenu', 'openExternal', 'saveFile'].sort());
  });
});
