import { readFileSync } from 'node:fs';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function readBytesIfExists(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return null;
    throw error;
  }
}

/** A data file's text, or null when it does not exist (yet): the stores treat that as empty. */
export function readTextIfExists(path: string): string | null {
  return readUtf8IfExists(path)?.text ?? null;
}

/**
 * The text and whether the bytes were valid UTF-8. Bytes that are not (a file saved as Latin-1 by
 * another editor) are shown with U+FFFD, and `valid: false` tells the writer to keep the original
 * bytes in backups/ before it replaces the file: a lossy read written back would lose them for good.
 */
export function readUtf8IfExists(path: string): { text: string; valid: boolean } | null {
  const bytes = readBytesIfExists(path);
  if (bytes === null) return null;
  try {
    return { text: strictUtf8.decode(bytes), valid: true };
  } catch {
    return { text: bytes.toString('utf8'), valid: false };
  }
}
