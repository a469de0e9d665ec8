/**
 * Kills a process in the middle of commits and compactions, many times, at varying moments: every
 * time, the library opens without problems, in exactly the state after some whole number of
 * commits (never less than what the child had reported done), and the folder holds no stray files.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Corpus } from '../../../src/search/corpus/corpus.ts';
import { REPO_ROOT, tempDir } from '../../helpers/fixtures.ts';
import { committedCount, expectedState } from './crash-plan.ts';

const CHILD = join(REPO_ROOT, 'test/search/corpus/corpus-crash-child.ts');
const ROUNDS = 14;

/** Starts the child, kills it `delayMs` after it is ready, returns the last commit it reported. */
function runAndKill(dataDir: string, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      if (!killed && stdout.includes('ready')) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended by itself: ${stderr}`));
      const numbers = [...stdout.matchAll(/(?:ready|committed) (\d+)/g)].map((m) => Number(m[1]));
      resolve(numbers.at(-1) ?? -1);
    });
  });
}

describe('killing a writer', () => {
  it('always leaves the old or the new state, consistent with the files', { timeout: 180_000 }, async () => {
    const dataDir = tempDir();
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let previous = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const reported = await runAndKill(dataDir, Math.floor(random() * 400));
      expect(reported).toBeGreaterThanOrEqual(previous);
      const corpus = await Corpus.open(dataDir);
      expect(corpus.problems).toEqual([]);
      const k = committedCount(corpus.all().map((p) => p.id));
      // The commit in flight when the process died may or may not have reached the manifest.
      expect(k === reported || k === reported + 1, `round ${round}: reported ${reported}, found ${k}`).toBe(true);
      expect(new Map(corpus.all().map((p) => [p.id, p.title]))).toEqual(expectedState(k));
      expect(corpus.search('topic3').total).toBe(k);
      previous = k;
    }
    expect(previous).toBeGreaterThan(ROUNDS);

    // The next writer cleans up what the killed ones left: only the manifest's files remain.
    const corpus = await Corpus.open(dataDir);
    await corpus.commit({ upsert: [], remove: [`p-${previous}-2`] });
    const manifest = JSON.parse(readFileSync(join(dataDir, 'papers', 'manifest.json'), 'utf8')) as { segments: Array<{ name: string }> };
    const expectedFiles = ['manifest.json', ...manifest.segments.flatMap((s) => [`${s.name}.jsonl`, `${s.name}.idx`, `${s.name}.ids`])];
    expect(readdirSync(join(dataDir, 'papers')).sort()).toEqual(expectedFiles.sort());
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.lock'))).toEqual([]);
  });
});
