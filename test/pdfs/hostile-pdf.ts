/** PDFs built to hurt a reader: deep nesting, a huge object count, a page of ten million text operators. */
import { deflateSync } from 'node:zlib';
import { pdfOfObjects } from './make-pdf.ts';

/** Arrays nested 200,000 deep in the page tree. */
export function deeplyNestedPdf(depth = 200_000): Buffer {
  return pdfOfObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [3 0 R] /Count 1 /X ${'['.repeat(depth)}${']'.repeat(depth)} >>`,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>',
  ]);
}

/** A page tree claiming 300,000 pages, every one a reference back to the tree itself. */
export function hugeObjectCountPdf(count = 300_000): Buffer {
  return pdfOfObjects(['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${Array.from({ length: count }, () => '2 0 R').join(' ')}] /Count ${count} >>`]);
}

/** 100 KB on disk; its first page, inflated, is ten million `Tj` operators. */
export function textBombPdf(operators = 10_000_000): Buffer {
  const content = deflateSync(Buffer.from(`BT /F1 1 Tf ${'(a) Tj '.repeat(operators)}ET`));
  return pdfOfObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n${content.toString('latin1')}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}
