import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.ts';
import { REPO_ROOT } from '../helpers/fixtures.ts';

/** The bundled command, as users run it (built for this test run by test/helpers/build-cli.ts). */
export const CLI_BIN = process.env.PAPERSHELF_TEST_CLI ?? join(REPO_ROOT, 'build/cli/papershelf.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = Record<string, unknown>>(): T;
}

function result(code: number, stdout: string, stderr: string): CliRun {
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

/** Runs the CLI in this process (fast); each call opens the library afresh, as a new process would. */
export async function cli(dataDir: string, args: string[], stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dataDir, ...args], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => new TextEncoder().encode(stdin),
    env: { ...process.env, PAPERSHELF_DATA_DIR: undefined },
  });
  return result(code, stdout, stderr);
}

/** The CLI in this process with extra environment (sources pointed at local servers, a device id). */
export async function cliWithEnv(dataDir: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dataDir, ...args], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => new Uint8Array(),
    env: { ...process.env, PAPERSHELF_DATA_DIR: undefined, ...env },
  });
  return result(code, stdout, stderr);
}

/** Runs the real `papershelf` executable (the bundle) in a child process. */
export function cliProcess(dataDir: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliRun {
  const child = spawnSync(process.execPath, [CLI_BIN, '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    cwd: options.cwd,
    env: { ...process.env, PAPERSHELF_DATA_DIR: '', ...options.env },
  });
  return result(child.status ?? 1, child.stdout, child.stderr);
}
