import { ImportFormatError, PapershelfError } from '../model/errors.ts';
import { IMPORT_FORMATS, type ImportFormat } from '../model/paper.ts';
import { detectFormat, importerFor } from './detect.ts';
import type { ImportOptions, ParsedImport } from './types.ts';
import { makeWellFormed, wellFormed } from './well-formed.ts';

export { decodeImportBytes } from './decode.ts';
export { detectFormat, IMPORTERS, importerFor } from './detect.ts';
export type { ImportedAnnotation, ImportOptions, Importer, ParsedImport } from './types.ts';

export type ParseImportOptions = ImportOptions & { format?: ImportFormat | 'auto' };

/**
 * Reads a whole import file in the given format (default: detected). Returns every usable paper, or
 * throws ImportFormatError naming the format and the position of the problem: never a partial file.
 * Every string of the result (backup annotations and notes included) is well-formed UTF-16.
 */
export function parseImport(text: string, options: ParseImportOptions = {}): ParsedImport {
  try {
    return parseWhole(text, options);
  } catch (error) {
    if (error instanceof PapershelfError) error.message = oneLine(error.message);
    throw error;
  }
}

/** Error messages quote the file: keep them to one short, well-formed line. */
const MAX_MESSAGE = 300;

function oneLine(message: string): string {
  const line = wellFormed(message.split(/\r\n|\r|\n/, 1)[0] ?? '');
  return line.length <= MAX_MESSAGE ? line : `${line.slice(0, MAX_MESSAGE - 1).replace(/[\ud800-\udbff]$/, '')}…`;
}

function parseWhole(text: string, options: ParseImportOptions): ParsedImport {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) throw new ImportFormatError('file', null, 'the file is empty');
  const nul = body.indexOf('\0');
  if (nul >= 0) throw new ImportFormatError('file', `character ${nul}`, 'a NUL character: this is binary data, not text');
  const requested = options.format ?? 'auto';
  if (requested !== 'auto' && !(IMPORT_FORMATS as readonly string[]).includes(requested)) {
    throw new PapershelfError('bad-input', `unknown import format ${JSON.stringify(requested)}: use auto, ${IMPORT_FORMATS.join(', ')}`);
  }
  const format = requested === 'auto' ? detectFormat(body) : requested;
  try {
    return makeWellFormed(importerFor(format).parse(body, options));
  } catch (error) {
    if (error instanceof PapershelfError) throw error;
    // A parser library choking on hostile input (deep nesting, odd LaTeX) is still a bad file for
    // the user, not a crash.
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ImportFormatError(format, null, `the file could not be read: ${detail}`);
  }
}
