/**
 * Ctrl+C during `papershelf enrich` (the bundled CLI in a child process): the run stops after the
 * request in flight, nothing is resolved or changed, and the command says so.
 */
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/fixtures.ts';
import { startTitleServer, type TitleServer } from '../library/enrich/arxiv-title-server.ts';
import { ARXIV_PAPERS } from '../library/enrich/sample-arxiv.ts';
import { CLI_BIN, cliProcess } from './run-cli.ts';

let server: TitleServer;
beforeEach(async () => {
  server = await startTitleServer(ARXIV_PAPERS);
});
afterEach(() => server.close());

describe('papershelf enrich and Ctrl+C', () => {
  it('stops after the current request and changes nothing', async () => {
    const dir = tempDir();
    expect(cliProcess(dir, ['enrich', '--auto', 'off']).code).toBe(0);
    expect(cliProcess(dir, ['import', 'assets/samples/hf-papers-page.txt']).code).toBe(0);
    const child = spawn(process.execPath, [CLI_BIN, '--data-dir', dir, 'enrich'], { env: { ...process.env, PAPERSHELF_DATA_DIR: '', PAPERSHELF_ARXIV_URL: server.url } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // arXiv's three-second spacing holds the second request back: interrupt while it waits.
      if (stderr.includes('1/6 requests answered') && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('stopping after the current request… (Ctrl+C again to quit at once)');
    expect(stderr).toMatch(/papershelf: cancelled: .*your library is unchanged/);
    expect(server.requests.length).toBeLessThanOrEqual(2);
    const list = cliProcess(dir, ['list', '--json']).json<{ results: Array<{ arxivId: string | null }> }>();
    expect(list.results.filter((paper) => paper.arxivId !== null)).toEqual([]);
  }, 60_000);
});
