import { spawn } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { idFromPdfFileName, PdfStore, pdfFileName } from '../../src/pdfs/pdf-store.ts';
import { tempDir } from '../helpers/fixtures.ts';

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('close', resolve));
  if (child.pid === undefined) throw new Error('could not start a child process');
  return child.pid;
}

describe('the PDF store', () => {
  it('names files by paper id, safely and reversibly', () => {
    const ids = ['2508.07662', 'hep-th/9901001', 't:attention-is-all-you-need', 't:a_b+c%d', 't:..', 'con', 't:écrire'];
    for (const id of ids) {
      const name = pdfFileName(id);
      expect(name).toMatch(/^[^/\\:*?"<>|]+\.pdf$/);
      expect(name.startsWith('.')).toBe(false);
      expect(idFromPdfFileName(name)).toBe(id);
    }
    expect(pdfFileName('hep-th/9901001')).toBe('hep-th_9901001.pdf');
    expect(new Set(ids.map(pdfFileName)).size).toBe(ids.length);
  });

  it('keeps a PDF in a private folder as a private file, replacing the earlier one whole, with nothing left beside it', async () => {
    const store = new PdfStore(tempDir('papershelf-pdf-store-'));
    await store.keep('2508.07662', Buffer.from('%PDF-1.4 first %%EOF'));
    await store.keep('2508.07662', Buffer.from('%PDF-1.4 second %%EOF'));
    expect(readdirSync(store.dir).sort()).toEqual(['2508.07662.pdf', '2508.07662.pdf.json']);
    expect(statSync(store.dir).mode & 0o777).toBe(0o700);
    expect(statSync(store.pathOf('2508.07662')).mode & 0o777).toBe(0o600);
    expect(store.keptBytes('2508.07662')).toBe(21);
    expect(store.totals()).toEqual({ count: 1, bytes: 21 });
    expect(await store.remove('2508.07662')).toBe(true);
    expect(await store.remove('2508.07662')).toBe(false);
    expect(store.totals()).toEqual({ count: 0, bytes: 0 });
  });

  it("lets one process download a paper at a time, and takes over the claim of a process that died", async () => {
    const store = new PdfStore(tempDir('papershelf-pdf-store-'));
    const release = store.claimDownload('2508.07662');
    expect(release).not.toBeNull();
    expect(store.claimDownload('2508.07662')).toBeNull();
    release?.();
    const again = store.claimDownload('2508.07662');
    expect(again).not.toBeNull();
    again?.();
    writeFileSync(`${store.pathOf('2508.07662')}.lock`, `${await deadPid()} ${hostname()}`);
    expect(store.claimDownload('2508.07662')).not.toBeNull();
  });
});
