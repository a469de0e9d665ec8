/**
 * README's shell commands, read from its fenced blocks, so the set-up tests follow README literally:
 * a README that drifts from what works fails them.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures.ts';

/** The command lines of the first ```sh block under `## heading` (comments and blank lines dropped). */
export function readmeCommands(heading: string, readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no "## ${heading}" section`);
  const section = readme.slice(start + 1).split(/\n## /)[0] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error(`README's "${heading}" section has no sh block`);
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** A newcomer's shell: none of the variables npm or vitest set for this run, no Electron download. */
/** Online sources at a closed loopback port: README's import would otherwise ask arXiv for titles. */
export const LOOPBACK_SOURCES = {
  PAPERSHELF_ARXIV_URL: 'http://127.0.0.1:9',
  PAPERSHELF_HF_URL: 'http://127.0.0.1:9',
  PAPERSHELF_ARXIV_PDF_URL: 'http://127.0.0.1:9',
};

export function newcomerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|VITEST|INIT_CWD$|NODE_OPTIONS$|PAPERSHELF_)/i.test(key)) env[key] = value;
  }
  // Packages come from this machine's npm cache when it has them, as on a developer's machine.
  return { ...env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', npm_config_prefer_offline: 'true', ...extra };
}

export function sh(command: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): SpawnSyncReturns<string> {
  return spawnSync('sh', ['-c', command], { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
}

/** Describes a failed command in a few lines, for an assertion message. */
export function failure(command: string, run: SpawnSyncReturns<string>): string {
  const tail = (text: string) => text.trimEnd().split('\n').slice(-15).join('\n');
  return `\`${command}\` exited ${run.status ?? run.signal}${run.error ? ` (${run.error.message})` : ''}\n${tail(run.stdout ?? '')}\n${tail(run.stderr ?? '')}`;
}

export interface Started {
  firstLine: string;
  stop(): void;
}

/** Starts a long-running command in its own process group; resolves with its first stdout line. */
export function startCommand(command: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Started> {
  const child = spawn('sh', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`\`${command}\` printed no line within ${timeoutMs} ms\n${err}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve({ firstLine: out.slice(0, newline).trim(), stop });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`\`${command}\` exited ${code} before printing a line\n${err}`));
    });
  });
}
