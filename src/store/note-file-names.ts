import { createHash } from 'node:crypto';

/*
 * Paper ids become file names a person recognises: `2508.07662.md`, `hep-th_9901001.md`,
 * `t+attention-is-all-you-need.md`. `/` -> `_` and `:` -> `+` for readability; every other character
 * outside letters, digits, `-` and `.` (including a literal `_`, `+`, `%` or `~`) is percent-encoded,
 * so the mapping is reversible. A name that would be too long ends in `~<hash>` instead and is not
 * reversible: the id in the note's front matter is authoritative anyway.
 */

export const NOTE_EXTENSION = '.md';
/** Well under every file system's 255-byte limit, leaving room for deep data folders on Windows. */
const MAX_STEM_BYTES = 120;
const HASH_CHARS = 16;
const KEEP = /^[\p{L}\p{N}\-.]$/u;
/** Names Windows reserves whatever the extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

function percent(char: string): string {
  return [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

function encodeStem(id: string): string {
  let stem = '';
  for (const char of id) {
    if (char === '/') stem += '_';
    else if (char === ':') stem += '+';
    else stem += KEEP.test(char) ? char : percent(char);
  }
  // Hidden files on Unix; Windows silently drops a trailing dot.
  if (stem.startsWith('.')) stem = `%2E${stem.slice(1)}`;
  if (stem.endsWith('.')) stem = `${stem.slice(0, -1)}%2E`;
  const first = stem.split('.')[0] ?? '';
  if (WINDOWS_RESERVED.test(first)) stem = `${percent(stem[0] ?? '')}${stem.slice(1)}`;
  return stem;
}

function hashOf(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex').slice(0, HASH_CHARS);
}

/** The first `maxBytes` bytes of `stem`, cut at a character and not inside a `%XX` escape. */
function truncateStem(stem: string, maxBytes: number): string {
  let result = '';
  let bytes = 0;
  for (const char of stem) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes) break;
    result += char;
    bytes += size;
  }
  return result.replace(/%[0-9A-F]?$/, '');
}

/** The usual file name of a paper's note. */
export function noteFileName(id: string): string {
  if (id === '') throw new TypeError('A note needs a paper id');
  const stem = encodeStem(id);
  if (Buffer.byteLength(stem, 'utf8') <= MAX_STEM_BYTES) return `${stem}${NOTE_EXTENSION}`;
  return hashedNoteFileName(id);
}

/**
 * The alternative name, used for long ids and when the usual name is taken by another id (two ids
 * that differ only by case on a case-insensitive file system).
 */
export function hashedNoteFileName(id: string): string {
  const stem = truncateStem(encodeStem(id), MAX_STEM_BYTES - HASH_CHARS - 1);
  return `${stem}~${hashOf(id)}${NOTE_EXTENSION}`;
}

/** The id a file name stands for, or null for hashed or foreign names. */
export function idFromNoteFileName(name: string): string | null {
  if (!name.endsWith(NOTE_EXTENSION)) return null;
  const stem = name.slice(0, -NOTE_EXTENSION.length);
  if (stem === '' || stem.includes('~')) return null;
  try {
    return decodeURIComponent(stem.replace(/_/g, '/').replace(/\+/g, ':'));
  } catch {
    return null;
  }
}
