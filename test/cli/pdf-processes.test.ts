/**
 * `papershelf pdf` as users run it (the bundle, in child processes): two fetches at once share
 * arXiv's spacing, a fetch killed mid-download resumes, a hostile PDF is refused in one line.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/fixtures.ts';
import { deeplyNestedPdf, textBombPdf } from '../pdfs/hostile-pdf.ts';
import { makePdf } from '../pdfs/make-pdf.ts';
import { backupFile } from '../pdfs/pdf-library.ts';
import { startPdfServer, type PdfServer } from '../pdfs/pdf-server.ts';
import { cli, CLI_BIN, cliProcess } from './run-cli.ts';

let server: PdfServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function start(dir: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [CLI_BIN, '--data-dir', dir, ...args], { env: { ...process.env, PAPERSHELF_DATA_DIR: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

async function arxivLibrary(ids: string[]): Promise<string> {
  const dir = tempDir('papershelf-pdf-proc-');
  const imported = await cli(dir, ['import', backupFile(ids.map((id) => ({ id, arxivId: id, title: `Paper ${id}` })))]);
  expect(imported.code, imported.stderr).toBe(0);
  return dir;
}

describe('papershelf pdf in real processes', () => {
  it("keeps two `pdf fetch` processes at once three seconds apart at arXiv, not twice the rate", { timeout: 120_000 }, async () => {
    server = await startPdfServer();
    // Three each: fetching (6 s and more) outlasts the other process's start even on a busy machine.
    const mine = ['2606.00101', '2606.00102', '2606.00103'];
    const theirs = ['2606.00104', '2606.00105', '2606.00106'];
    const ids = [...mine, ...theirs];
    for (const id of ids) server.serve(id, makePdf({ title: id }));
    const dir = await arxivLibrary(ids);
    const env = { PAPERSHELF_ARXIV_PDF_URL: server.url };
    const processes = [start(dir, ['pdf', 'fetch', ...mine, '--json'], env), start(dir, ['pdf', 'fetch', ...theirs, '--json'], env)];
    const spawnedBy = Date.now();
    const runs = await Promise.all(processes.map((process) => process.done));
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ downloaded: 3, failed: [], requests: 3 });
    }
    const times = server.requests.map((request) => request.at);
    const gaps = times.slice(1).map((at, i) => at - (times[i] ?? 0));
    console.log(`two pdf fetch processes: gaps between arXiv requests ${gaps.join(', ')} ms`);
    expect(times).toHaveLength(6);
    // Server-side times carry some jitter on a busy machine; unpaced processes would send ~0 ms apart.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(2400);
    // Both were running before the first request: unpaced, each would have sent its first at once.
    // (Which process gets the next slot is not fixed, so the order of their requests is not asserted.)
    expect(spawnedBy).toBeLessThan(times[0] ?? 0);
    for (const id of ids) expect(existsSync(join(dir, 'pdfs', `${id}.pdf`))).toBe(true);
  });

  it('resumes a download whose process was killed (kill -9) where it stopped, and keeps the bytes served', { timeout: 120_000 }, async () => {
    server = await startPdfServer({ slowChunk: 16_384, slowDelayMs: 100 });
    const id = '2606.00201';
    const pdf = makePdf({ title: 'Killed midway', padding: 600_000 });
    server.serve(id, pdf, 'slow');
    const dir = await arxivLibrary([id]);
    const env = { PAPERSHELF_ARXIV_PDF_URL: server.url };
    const part = join(dir, 'pdfs', `${id}.pdf.part`);
    const first = start(dir, ['pdf', 'fetch', id], env);
    for (let i = 0; i < 400 && !(existsSync(part) && statSync(part).size > 64 * 1024); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const kept = statSync(part).size;
    expect(kept).toBeGreaterThan(64 * 1024);
    expect(kept).toBeLessThan(pdf.length);
    expect(existsSync(join(dir, 'pdfs', `${id}.pdf`))).toBe(false);

    server.serve(id, pdf);
    // Not spawnSync: the server answering it runs in this process.
    const second = await start(dir, ['pdf', 'fetch', id, '--json'], env).done;
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ downloaded: 1, failed: [], requests: 1 });
    expect(server.requests.at(-1)).toMatchObject({ range: `bytes=${kept}-`, status: 206 });
    expect(readFileSync(join(dir, 'pdfs', `${id}.pdf`))).toEqual(pdf);
    expect(existsSync(part)).toBe(false);
  });

  it('stops at Ctrl+C mid-download, says so, and keeps the part for the next run', { timeout: 120_000 }, async () => {
    server = await startPdfServer({ slowChunk: 16_384, slowDelayMs: 100 });
    const id = '2606.00251';
    server.serve(id, makePdf({ title: 'Interrupted', padding: 600_000 }), 'slow');
    const dir = await arxivLibrary([id]);
    const part = join(dir, 'pdfs', `${id}.pdf.part`);
    const run = start(dir, ['pdf', 'fetch', id], { PAPERSHELF_ARXIV_PDF_URL: server.url });
    for (let i = 0; i < 400 && !(existsSync(part) && statSync(part).size > 32 * 1024); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    run.child.kill('SIGINT');
    const stopped = await run.done;
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toBe('0 downloaded, 0 already kept, 0 failed (0.0 MB, 1 requests)\n');
    expect(stopped.stderr).toContain('cancelling… (Ctrl+C again to quit at once)\n');
    expect(stopped.stderr).toMatch(/papershelf: cancelled: the PDFs downloaded so far are kept; a download cut short resumes next time\n$/);
    expect(statSync(part).size).toBeGreaterThan(32 * 1024);
    expect(existsSync(join(dir, 'pdfs', `${id}.pdf`))).toBe(false);
    expect(existsSync(join(dir, 'pdfs', `${id}.pdf.lock`))).toBe(false);
  });

  it('refuses hostile PDFs given to `pdf import` within the budget, with one line and exit code 2', { timeout: 120_000 }, async () => {
    const dir = await arxivLibrary(['2606.00301']);
    const files = tempDir('papershelf-pdf-hostile-');
    for (const [name, bytes] of [
      ['nested.pdf', deeplyNestedPdf()],
      ['bomb.pdf', textBombPdf()],
    ] as const) {
      const file = join(files, name);
      writeFileSync(file, bytes);
      const started = Date.now();
      const run = cliProcess(dir, ['pdf', 'import', file]);
      const ms = Date.now() - started;
      console.log(`pdf import ${name} (${bytes.length} bytes): exit ${run.code} after ${ms} ms: ${run.stderr.trim()}`);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(new RegExp(`^papershelf: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (not a readable PDF|the PDF is too large or too complex to read) [^\\n]+\\n$`));
      expect(ms).toBeLessThan(20_000);
      expect(existsSync(join(dir, 'pdfs', '2606.00301.pdf'))).toBe(false);
    }
  });
});
