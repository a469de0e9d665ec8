/**
 * Small, valid PDFs built byte by byte for the tests: pages of text in Helvetica, an optional
 * rotated arXiv stamp in the left margin (as arXiv prints it), an Info dictionary with a title, and
 * a correct cross-reference table, so pdf.js reads them without repairs.
 */

export interface PdfSpec {
  /** Lines of text per page. */
  pages?: string[][];
  title?: string;
  subject?: string;
  /** e.g. `arXiv:2606.13392v2 [cs.CL] 12 Jun 2026`, printed sideways on the first page. */
  stamp?: string;
  /** Extra bytes inside the first page's content stream, to make a file of a given size. */
  padding?: number;
}

function literal(text: string): string {
  return `(${text.replace(/[\\()]/g, (char) => `\\${char}`)})`;
}

function pageContent(lines: string[], stamp: string | undefined, padding: number): string {
  const parts = ['BT /F1 12 Tf 72 720 Td 14 TL'];
  for (const line of lines) parts.push(`${literal(line)} Tj T*`);
  parts.push('ET');
  if (stamp) parts.push(`BT /F1 20 Tf 0 1 -1 0 32 220 Tm ${literal(stamp)} Tj ET`);
  if (padding > 0) parts.push(`%${'x'.repeat(padding)}`);
  return `${parts.join('\n')}\n`;
}

export function makePdf(spec: PdfSpec = {}): Buffer {
  const pages = spec.pages ?? [['A small test paper.']];
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pageTree = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const infoEntries = [spec.title ? `/Title ${literal(spec.title)}` : '', spec.subject ? `/Subject ${literal(spec.subject)}` : ''].join(' ');
  const info = add(`<< /Producer (papershelf tests) ${infoEntries} >>`);
  const kids: number[] = [];
  pages.forEach((lines, index) => {
    const content = pageContent(lines, index === 0 ? spec.stamp : undefined, index === 0 ? (spec.padding ?? 0) : 0);
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`);
    kids.push(add(`<< /Type /Page /Parent ${pageTree} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`));
  });
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pageTree} 0 R >>`;
  objects[pageTree - 1] = `<< /Type /Pages /Kids [${kids.map((kid) => `${kid} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  return pdfOfObjects(objects, `/Root ${catalog} 0 R /Info ${info} 0 R`);
}

/** A PDF of the given object bodies, numbered from 1, with a correct cross-reference table. */
export function pdfOfObjects(objects: string[], trailer = '/Root 1 0 R'): Buffer {
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
