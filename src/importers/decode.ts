import { ImportFormatError } from '../model/errors.ts';

/** Byte offset of the first byte that is not part of valid UTF-8. */
function firstInvalidByte(bytes: Uint8Array): number {
  // Lenient decoding marks each bad sequence with U+FFFD; a U+FFFD the file really contains is
  // encoded as EF BF BD and is skipped. ignoreBOM keeps offsets aligned with the bytes.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const encoder = new TextEncoder();
  let charFrom = 0;
  let byteAt = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
    byteAt += encoder.encode(text.slice(charFrom, i)).length;
    if (bytes[byteAt] !== 0xef || bytes[byteAt + 1] !== 0xbf || bytes[byteAt + 2] !== 0xbd) return byteAt;
    byteAt += 3;
    charFrom = i + 1;
  }
  return bytes.length;
}

/**
 * The text of an import file. Only UTF-8 is accepted: guessing another encoding would silently
 * garble names and abstracts. A BOM is dropped; UTF-16, binary data and empty files are refused
 * with the byte offset of the problem.
 */
export function decodeImportBytes(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ImportFormatError('file', 'byte 0', 'the file is UTF-16 text; save it as UTF-8');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidByte(bytes);
    const hex = bytes[at]?.toString(16).toUpperCase().padStart(2, '0') ?? '??';
    throw new ImportFormatError('file', `byte ${at}`, `not UTF-8 text (byte 0x${hex}; Latin-1 or Windows-1252?): save the file as UTF-8`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new ImportFormatError('file', `byte ${nul}`, 'a NUL byte: this is binary data or UTF-16 text, not UTF-8 text');
  if (!text.trim()) throw new ImportFormatError('file', null, 'the file is empty');
  return text;
}
