/** Runs the `papershelf` CLI (or `serve`) as real child processes, several at once. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { CLI_BIN } from '../cli/run-cli.ts';
import { REPO_ROOT } from '../helpers/fixtures.ts';

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawnCli(args: string[]) {
  return spawn(process.execPath, [CLI_BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, PAPERSHELF_DATA_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function runChild(dataDir: string, args: string[]): Promise<ChildRun> {
  const child = spawnCli([...args, '--data-dir', dataDir]);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

export interface ServeChild {
  child: ChildProcess;
  origin: string;
  token: string;
  stderr(): string;
  call(op: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startServeChild(dataDir: string): Promise<ServeChild> {
  const child = spawnCli(['serve', '--data-dir', dataDir, '--port', '0']);
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before printing its address:\n${stderr}`)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const end = stdout.indexOf('\n');
      if (end < 0) return;
      const url = new URL(stdout.slice(0, end));
      const token = url.searchParams.get('token') ?? '';
      resolve({
        child,
        origin: url.origin,
        token,
        stderr: () => stderr,
        call: async (op, input) => {
          const response = await fetch(`${url.origin}/api/${op}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Papershelf-Token': token },
            body: JSON.stringify(input),
          });
          return (await response.json()) as { ok: boolean };
        },
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
  });
}

/**
 * A real other process holding the data folder's write lock (through the lock module itself) for
 * `holdMs`; resolves once it holds it.
 */
export async function holdLockInChild(dataDir: string, holdMs: number, name = 'write'): Promise<{ pid: number; exited: Promise<void>; kill(): void }> {
  const lockModule = join(REPO_ROOT, 'src/store/write-lock.ts');
  const script = `
    import { withWriteLock } from ${JSON.stringify(lockModule)};
    await withWriteLock(${JSON.stringify(dataDir)}, async () => {
      process.stdout.write('held\\n');
      await new Promise((resolve) => setTimeout(resolve, ${holdMs}));
    }, { name: ${JSON.stringify(name)} });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => resolve());
    child.on('exit', (code) => reject(new Error(`the lock holder exited with ${code} before taking the lock`)));
  });
  return { pid: child.pid ?? 0, exited, kill: () => child.kill('SIGKILL') };
}
