import type { ParseImportOptions } from '../index.ts';
import type { ImportedAnnotation, ParsedImport } from '../types.ts';

/**
 * What the parse worker is sent: the file's text in pieces (a 50 MB string copied in one message
 * blocks the sender for a quarter of a second), then the options, which start the parse.
 */
export type ParseRequest =
  | { kind: 'text'; piece: string }
  | { kind: 'parse'; options: ParseImportOptions }
  /** A batch of papers was taken in: the worker sends the next one (see parse-worker-thread.ts). */
  | { kind: 'ack' };

export const TEXT_PIECE = 1 << 20;

/** A thrown import error as it crosses the thread boundary. */
export interface ParseFailure {
  code: string;
  message: string;
  format: string | null;
  position: string | null;
}

/**
 * The worker's answers. Papers come in batches, so the caller's event loop deserializes a few
 * hundred at a time instead of blocking on one message of 10,000 papers.
 */
export type ParseMessage =
  | { kind: 'papers'; papers: ParsedImport['papers'] }
  | { kind: 'backup-papers'; papers: NonNullable<ParsedImport['backup']>['papers'] }
  /** Entries, not the object: a structured clone would give the null-prototype map a prototype. */
  | { kind: 'annotations'; entries: Array<[string, ImportedAnnotation]> }
  | { kind: 'done'; result: Omit<ParsedImport, 'papers' | 'backup'>; backup: boolean }
  | { kind: 'failed'; error: ParseFailure };

export const BATCH = 100;

export const TOO_COMPLEX = 'the file is too large or too complex to import';

/**
 * Heap a parse needs per character of text, at least (the text itself, its lines or tokens, the
 * papers). A file that cannot fit is refused before parsing: V8 stops a worker that reaches its
 * heap cap in JavaScript, but a single huge allocation inside JSON.parse can abort the whole
 * process instead (nodejs/node#47224).
 */
export const HEAP_BYTES_PER_CHAR = 6;
