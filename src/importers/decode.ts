import { ImportFormatError } from '../model/errors.ts';

const CHUNK = 1 << 16;

/** Byte offset of the first byte that is not part of valid UTF-8. */
function firstInvalidByte(bytes: Uint8Array): number {
  // A strict streaming pass finds the 64 KiB chunk that fails without decoding the whole file...
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let chunk = 0;
  for (; chunk < bytes.length; chunk += CHUNK) {
    try {
      strict.decode(bytes.subarray(chunk, chunk + CHUNK), { stream: true });
    } catch {
      break;
    }
  }
  let from = Math.max(0, Math.min(chunk, bytes.length - 4));
  for (let back = 0; back < 3 && from > 0 && (bytes[from]! & 0xc0) === 0x80; back++) from--;
  // ...then lenient decoding marks each bad sequence in it with U+FFFD. A U+FFFD the file really
  // contains is encoded as EF BF BD and is skipped.
  const window = bytes.subarray(from, Math.min(bytes.length, chunk + CHUNK));
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(window);
  const encoder = new TextEncoder();
  let charFrom = 0;
  let byteAt = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
    byteAt += encoder.encode(text.slice(charFrom, i)).length;
    if (window[byteAt] !== 0xef || window[byteAt + 1] !== 0xbf || window[byteAt + 2] !== 0xbd) return from + byteAt;
    byteAt += 3;
    charFrom = i + 1;
  }
  return from + window.length;
}

/** Occurrences of EF BF BD: U+FFFD characters the file really contains. */
function encodedReplacementChars(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(0xef); i !== -1 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) count++;
  }
  return count;
}

function countChar(text: string, char: string): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) count++;
  return count;
}

/**
 * The text of an import file, as UTF-8. Bytes that are not valid UTF-8 (a Latin-1 name, a damaged
 * byte) become U+FFFD, and `warn` hears once how many there were and where the first is, rather
 * than the whole file being refused for one byte. A BOM is dropped; UTF-16, binary data and empty
 * files are refused with the byte offset of the problem.
 */
export function decodeImportBytes(bytes: Uint8Array, warn?: (line: string) => void): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ImportFormatError('file', 'byte 0', 'the file is UTF-16 text; save it as UTF-8');
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new ImportFormatError('file', `byte ${nul}`, 'a NUL byte: this is binary data or UTF-16 text, not UTF-8 text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const replaced = countChar(text, '\uFFFD') - encodedReplacementChars(bytes);
    // Each replacement stands for one to three bad bytes; the re-encoded length tells how many.
    const invalid = bytes.length - (Buffer.byteLength(text, 'utf8') - 3 * replaced);
    const at = firstInvalidByte(bytes);
    const hex = bytes[at]?.toString(16).toUpperCase().padStart(2, '0') ?? '??';
    warn?.(`${invalid} bytes were not valid UTF-8 and were replaced (the first at byte ${at}, 0x${hex}: Latin-1 or Windows-1252?)`);
    text = text.replace(/^\uFEFF/, '');
  }
  if (!text.trim()) throw new ImportFormatError('file', null, 'the file is empty');
  return text;
}
