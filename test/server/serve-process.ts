/** Starts `papershelf serve` as a child process, as a user would, and reads the address it prints. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Not from helpers/fixtures.ts: that one needs vitest, and measure-ui.ts runs outside it.
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  /** The first line of stdout. */
  url: string;
  origin: string;
  port: number;
  token: string;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** The bundled command users run; vitest builds one per run (test/helpers/build-cli.ts). */
export const BIN = process.env.PAPERSHELF_TEST_CLI ?? join(REPO_ROOT, 'build/cli/papershelf.mjs');

export function startServe(dataDir: string, extraArgs: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--data-dir', dataDir, '--port', '0', ...extraArgs], {
    cwd: REPO_ROOT,
    env: { ...process.env, PAPERSHELF_DATA_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`papershelf serve exited with ${code} before printing its address:\n${stderr}`)));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const end = stdout.indexOf('\n');
      if (end < 0) return;
      const url = stdout.slice(0, end);
      const parsed = new URL(url);
      resolve({
        child,
        url,
        origin: parsed.origin,
        port: Number(parsed.port),
        token: parsed.searchParams.get('token') ?? '',
        stderr: () => stderr,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}
