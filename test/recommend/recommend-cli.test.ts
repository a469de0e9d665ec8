import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { fetchJobsFor } from '../../src/library/fetch-jobs.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { startReplayServer, type ReplayServer } from '../helpers/replay-server.ts';
import { TestClock } from '../sources/test-clock.ts';
import { cliProcess } from '../cli/run-cli.ts';
import { BRIDGE_CORPUS } from './bridge-corpus.ts';
import { topicCorpus } from './topic-corpus.ts';

/** A backup of the bridge corpus in which the user starred 4 papers of topic 0 and tagged 4 of topic 2. */
function backupWithSignals(dir: string): { file: string; liked: (id: string) => boolean; own: Set<string> } {
  const { papers, topicOf } = topicCorpus(BRIDGE_CORPUS);
  const annotations: Record<string, unknown> = {};
  const own = new Set<string>();
  const annotate = (topic: number, value: { starred: boolean; tags: string[] }) => {
    for (const paper of papers.filter((p) => topicOf.get(p.id) === topic).slice(0, 4)) {
      annotations[paper.id] = { ...value, status: null, updatedAt: '2026-04-01T00:00:00.000Z', note: null };
      own.add(paper.id);
    }
  };
  annotate(0, { starred: true, tags: [] });
  annotate(2, { starred: false, tags: ['agents'] });
  const file = join(dir, 'backup.json');
  writeFileSync(file, JSON.stringify({ format: 'papershelf-backup', version: 1, exportedAt: '2026-04-01T00:00:00.000Z', papers, annotations }));
  return { file, liked: (id) => [0, 2].includes(topicOf.get(id) ?? -1), own };
}

describe('papershelf recommend and digest (the bundled command)', () => {
  it('explains the cold start, then prints the documented JSON and writes digests', () => {
    const dir = tempDir();
    const { papers } = topicCorpus(BRIDGE_CORPUS);
    writeFileSync(join(dir, 'plain.json'), JSON.stringify({ format: 'papershelf-backup', version: 1, exportedAt: '2026-04-01T00:00:00.000Z', papers: papers.slice(0, 30), annotations: {} }));
    const data = join(dir, 'cold');
    expect(cliProcess(data, ['import', join(dir, 'plain.json')]).code).toBe(0);
    const cold = cliProcess(data, ['recommend', '--limit', '3']);
    expect(cold.code).toBe(0);
    expect(cold.stdout).toContain('it has 0 of the 3 it needs');
    expect(cold.stdout).toContain('papershelf star ID');
    const coldJson = cliProcess(data, ['recommend', '--json', '--limit', '3']).json<{ results: Array<{ upvotes: number }>; model: { coldStart: boolean; trainedAt: null }; total: number }>();
    expect(coldJson.model).toMatchObject({ coldStart: true, trainedAt: null });
    expect(coldJson.total).toBe(30);
    expect(coldJson.results.map((paper) => paper.upvotes)).toEqual([...coldJson.results.map((paper) => paper.upvotes)].sort((a, b) => b - a));

    const shelf = join(dir, 'shelf');
    const { file, liked, own } = backupWithSignals(dir);
    expect(cliProcess(shelf, ['import', file, '--format', 'json']).code).toBe(0);
    const run = cliProcess(shelf, ['recommend', '--json', '--limit', '20']);
    expect(run.code).toBe(0);
    const answer = run.json<{ results: Array<Record<string, unknown> & { id: string; score: number; because: string[] }>; model: { positives: number; trainedAt: string }; total: number }>();
    expect(answer.model.positives).toBe(8);
    // Every paper of the library without a signal of the user's is ranked; a page shows 20 of them.
    expect(answer.total).toBe(cliProcess(shelf, ['stats', '--json']).json<{ papers: number }>().papers - own.size);
    expect(Date.parse(answer.model.trainedAt)).toBeGreaterThan(0);
    expect(answer.results).toHaveLength(20);
    expect(Object.keys(answer.results[0] ?? {})).toEqual(expect.arrayContaining(['id', 'title', 'abstract', 'authors', 'starred', 'tags', 'status', 'note', 'score', 'because']));
    expect(answer.results[0]).not.toHaveProperty('details');
    for (const paper of answer.results) {
      expect(own.has(paper.id)).toBe(false);
      for (const id of paper.because) expect(own.has(id)).toBe(true);
    }
    expect(answer.results.filter((paper) => liked(paper.id)).length).toBeGreaterThanOrEqual(17);

    const text = cliProcess(shelf, ['recommend', '--tag', 'agents', '--limit', '2']);
    expect(text.stdout).toMatch(/because you tagged “/);
    expect(text.stdout).toMatch(/2 papers \(4 of your papers to learn from, model trained /);

    const html = join(dir, 'digest.html');
    const digest = cliProcess(shelf, ['digest', '--since', '2026-03-01', '--limit', '10', '-o', html]);
    expect(digest.code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('More like agents');
    expect(page.match(/<article>/g)).toHaveLength(10);
    const markdown = cliProcess(shelf, ['digest', '--limit', '5', '--format', 'markdown']);
    expect(markdown.stdout).toMatch(/^# Papershelf digest — \d{4}-\d{2}-\d{2}\n/);
    expect(markdown.stdout.match(/^### /gm)?.length).toBeGreaterThan(0);

    // Not interested, from one process; the next reads it from annotations.json and leaves the paper out.
    const top = answer.results[0]?.id ?? '';
    expect(cliProcess(shelf, ['status', top, 'dismissed']).code).toBe(0);
    expect(cliProcess(shelf, ['list', '--status', 'dismissed', '--json']).json<{ results: Array<{ id: string }> }>().results.map((paper) => paper.id)).toEqual([top]);
    expect(cliProcess(shelf, ['recommend', '--json', '--limit', '500']).json<{ results: Array<{ id: string }> }>().results.map((paper) => paper.id)).not.toContain(top);

    expect(cliProcess(shelf, ['recommend', '--limit', '501']).code).toBe(2);
    expect(cliProcess(shelf, ['recommend', '--since', '2026-13-01']).code).toBe(2);
  });
});

describe('papershelf refresh --digest', () => {
  let server: ReplayServer | undefined;
  afterEach(() => server?.close());

  it('writes the digest after refreshing', async () => {
    server = await startReplayServer({});
    const dir = tempDir();
    fetchJobsFor(dir).environment = { clock: new TestClock(), retry: { backoffMs: 10 } };
    const env = { ...process.env, PAPERSHELF_DATA_DIR: undefined, PAPERSHELF_HF_URL: server.url, PAPERSHELF_ARXIV_URL: server.url };
    let stderr = '';
    const run = (args: string[]) => runCli([...args, '--data-dir', dir], { stdout: () => undefined, stderr: (t) => void (stderr += t), readStdin: async () => new Uint8Array(), env });
    expect(await run(['follow', 'hf-daily', '--since', '2026-07-14'])).toBe(0);
    const file = join(dir, 'today.md');
    expect(await run(['refresh', '--digest', file])).toBe(0);
    expect(existsSync(file)).toBe(true);
    const digest = readFileSync(file, 'utf8');
    expect(digest).toContain('# Papershelf digest');
    expect(digest).toContain('Star or tag a few papers');
    expect(digest.match(/^### /gm)?.length).toBe(2);
    expect(stderr).toContain(`digest written to ${file}`);
  });
});
