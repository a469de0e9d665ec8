/** `papershelf search … | head`: a reader that stops early must not make the command crash. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';
import { CLI_BIN, cliProcess } from './run-cli.ts';

describe('output to a pipe closed early', () => {
  it('ends quietly, with no stack trace, like other commands', async () => {
    const dir = tempDir();
    expect(cliProcess(dir, ['import', fixturePath('hf-daily-papers-2026-06-12.json')]).code).toBe(0);
    const child = spawn(process.execPath, [CLI_BIN, '--data-dir', dir, 'list', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Like `… | head` once head has exited: the reading end is gone before the command prints.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    expect(stderr).not.toMatch(/EPIPE|at .*papershelf\.mjs/);
    expect(code).toBe(0);
  });
});
