/**
 * Errors that cross a boundary (CLI, IPC, HTTP) carry a stable code. `bad-input` errors are the
 * user's to fix (exit code 2 in the CLI); everything else is ours (exit code 1).
 */
export type ErrorCode =
  | 'bad-input'
  | 'not-found'
  | 'bad-query'
  | 'bad-file'
  | 'offline'
  | 'cancelled'
  | 'corrupt-data'
  | 'newer-format'
  | 'read-only'
  | 'internal';

export class PapershelfError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PapershelfError';
  }
}

/** A file that cannot be imported: names the format and where in the file the problem is. */
export class ImportFormatError extends PapershelfError {
  constructor(
    readonly format: string,
    /** Human position, e.g. `line 12`, `entry 3 (line 40)`, `byte 1024`. */
    readonly position: string | null,
    detail: string,
  ) {
    super('bad-file', `${format}: ${position ? `${position}: ` : ''}${detail}`);
    this.name = 'ImportFormatError';
  }
}

/** A search query Lunr cannot run; the message is meant for the user as is. */
export class QueryError extends PapershelfError {
  constructor(message: string) {
    super('bad-query', message);
    this.name = 'QueryError';
  }
}

/**
 * A data file whose format version is higher than this build knows. It is refused and left exactly
 * as it is: moving it aside or rebuilding it would throw away what the newer version wrote.
 */
export class NewerFormatError extends PapershelfError {
  constructor(
    readonly file: string,
    readonly format: number,
  ) {
    super('newer-format', `this library was written by a newer Papershelf (format ${format} in ${file}); update Papershelf`);
    this.name = 'NewerFormatError';
  }
}

/** A write refused by the disk (full, read-only): nothing was changed. */
export class DiskRefusedError extends PapershelfError {
  constructor(detail: string) {
    super('read-only', detail);
    this.name = 'DiskRefusedError';
  }
}

/** Codes whose cause is the user's input; the CLI exits with 2 for them. */
export const USER_ERROR_CODES: ReadonlySet<ErrorCode> = new Set(['bad-input', 'not-found', 'bad-query', 'bad-file']);

export function toErrorPayload(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof PapershelfError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}
