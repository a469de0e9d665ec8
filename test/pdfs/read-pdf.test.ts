import { describe, expect, it } from 'vitest';
import { PdfReader, pdfBudgetFor, readPdf } from '../../src/pdfs/read-pdf-in-worker.ts';
import { deeplyNestedPdf, hugeObjectCountPdf, textBombPdf } from './hostile-pdf.ts';
import { makePdf } from './make-pdf.ts';

const STAMP = 'arXiv:2606.13392v2 [cs.CL] 12 Jun 2026';

async function refusal(read: Promise<unknown>): Promise<string> {
  try {
    await read;
  } catch (error) {
    expect(error).toMatchObject({ name: 'PdfRefusedError', code: 'bad-file' });
    return (error as Error).message;
  }
  throw new Error('the PDF was not refused');
}

describe('reading a PDF in the worker', () => {
  it('reads a generated PDF: its pages, its title and the arXiv stamp on the first page', { timeout: 60_000 }, async () => {
    const facts = await readPdf(makePdf({ title: 'Reward Models (Revisited)', stamp: STAMP, pages: [['Abstract: we study reward models.'], ['Second page']] }));
    expect(facts.pages).toBe(2);
    expect(facts.title).toBe('Reward Models (Revisited)');
    expect(facts.firstPageText).toContain('we study reward models.');
    expect(facts.firstPageText).toContain(STAMP);
  });

  it('refuses a captcha page, a PDF cut short and an empty body before parsing them', async () => {
    const pdf = makePdf();
    expect(await refusal(readPdf(Buffer.from('<!DOCTYPE html><html><body>Are you a robot?</body></html>')))).toMatch(/^a web page came instead of a PDF/);
    expect(await refusal(readPdf(pdf.subarray(0, pdf.length >> 1)))).toMatch(/^the PDF is incomplete \(it does not end with %%EOF\)/);
    expect(await refusal(readPdf(Buffer.alloc(0)))).toBe('the response was empty');
  });

  it('refuses a PDF whose structure pdf.js cannot read, in one line', { timeout: 60_000 }, async () => {
    const pdf = makePdf().toString('latin1').replace(/startxref\n\d+/, 'startxref\n5');
    const broken = Buffer.from(pdf.replace('/Type /Catalog', '/Type /Nothing').replace(/\/Root \d+ 0 R/, '/Root 999 0 R'), 'latin1');
    const message = await refusal(readPdf(broken));
    expect(message).toMatch(/^not a readable PDF \(.+\)$/);
    expect(message).not.toContain('\n');
  });

  it('refuses hostile PDFs (deep nesting, a huge object count, a page of ten million operators) within the budget, in one line', { timeout: 120_000 }, async () => {
    const reader = new PdfReader();
    try {
      for (const [name, bytes] of [
        ['deep nesting', deeplyNestedPdf()],
        ['huge object count', hugeObjectCountPdf()],
        ['text bomb', textBombPdf()],
      ] as const) {
        const budget = pdfBudgetFor(bytes.byteLength);
        const started = performance.now();
        const message = await refusal(reader.read(bytes, budget));
        const ms = Math.round(performance.now() - started);
        console.log(`${name} (${bytes.byteLength} bytes): refused in ${ms} ms (budget ${budget.timeoutMs} ms): ${message}`);
        expect(message).not.toContain('\n');
        expect(message).toMatch(/^(not a readable PDF|the PDF is too large or too complex to read)/);
        expect(ms).toBeLessThan(budget.timeoutMs + 5_000);
      }
      // The worker stopped for the bomb is replaced: the next file reads.
      expect((await reader.read(makePdf({ title: 'After the bomb' }))).title).toBe('After the bomb');
    } finally {
      await reader.close();
    }
  });
});
