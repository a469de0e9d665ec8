/**
 * The cheap checks on a PDF's bytes, made before pdf.js reads it: a PDF starts with `%PDF-` and ends
 * with `%%EOF`. Readers accept the header anywhere in the first 1024 bytes and the end marker
 * followed by a little padding, so both are looked for there, not only at the very edges.
 */

export const HEADER = '%PDF-';
const END = '%%EOF';
/** How far from each edge the markers may be (Acrobat's own tolerance for the header). */
const EDGE_BYTES = 1024;

/** Enough of the start of a body to tell a PDF from a web page. */
export const SNIFF_BYTES = EDGE_BYTES;

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/**
 * Why the first bytes of a body (at most SNIFF_BYTES, or all of a shorter body) are not those of a
 * PDF; null when they are. `contentType` helps name what came instead.
 */
export function startProblem(head: Uint8Array, contentType: string | null = null): string | null {
  const text = latin1(head.subarray(0, EDGE_BYTES));
  if (text.includes(HEADER)) return null;
  if (/^\s*</.test(text) || /html|xml/i.test(contentType ?? '')) {
    return `a web page came instead of a PDF${contentType ? ` (${contentType.split(';')[0]?.trim()})` : ''}, such as a captcha or an error page`;
  }
  if (head.byteLength === 0) return 'the response was empty';
  return 'not a PDF (it does not start with %PDF-)';
}

/** Why a whole file's end is not a PDF's; null when it ends with `%%EOF` (and a little padding at most). */
export function endProblem(bytes: Uint8Array): string | null {
  const tail = latin1(bytes.subarray(Math.max(0, bytes.byteLength - EDGE_BYTES)));
  return tail.includes(END) ? null : 'the PDF is incomplete (it does not end with %%EOF): the download was cut short or the file is damaged';
}
