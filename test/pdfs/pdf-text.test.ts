import { afterAll, describe, expect, it } from 'vitest';
import { PdfReader, PdfRefusedError } from '../../src/pdfs/read-pdf-in-worker.ts';
import { makePdf } from './make-pdf.ts';

const reader = new PdfReader();
afterAll(() => reader.close());

describe('reading every page of a PDF in the worker', () => {
  it('gives each page its own text, in page order, and an empty string for a page without text', { timeout: 120_000 }, async () => {
    const text = await reader.readText(makePdf({ pages: [['First page, alpha.', 'Second line.'], ['Page two: beta.'], []] }));
    expect(text.pages).toHaveLength(3);
    expect(text.pages[0]).toContain('First page, alpha.');
    expect(text.pages[0]).toContain('Second line.');
    expect(text.pages[1]).toContain('Page two: beta.');
    expect(text.pages[1]).not.toContain('alpha');
    expect(text.pages[2]).toBe('');
    expect(text.truncated).toBe(false);
  });

  it('refuses bytes that are not a PDF with one line, and reads the next file as before', { timeout: 120_000 }, async () => {
    await expect(reader.readText(Buffer.from('<html><body>captcha</body></html>'))).rejects.toBeInstanceOf(PdfRefusedError);
    const text = await reader.readText(makePdf({ pages: [['Still reading.']] }));
    expect(text.pages[0]).toContain('Still reading.');
  });
});
