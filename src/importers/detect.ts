import { ImportFormatError } from '../model/errors.ts';
import type { ImportFormat } from '../model/paper.ts';
import { arxivAtomImporter } from './arxiv-atom.ts';
import { bibtexImporter } from './bibtex.ts';
import { hfJsonImporter } from './hf-json.ts';
import { hfPageImporter } from './hf-page.ts';
import { jsonBackupImporter } from './json-backup.ts';
import type { Importer } from './types.ts';

/**
 * Every importer, in the order auto-detection tries them: the strict, self-announcing formats
 * first; the copied listing page last, since plain text is what is left when nothing else fits.
 */
export const IMPORTERS: readonly Importer[] = [jsonBackupImporter, hfJsonImporter, arxivAtomImporter, bibtexImporter, hfPageImporter];

export function importerFor(format: ImportFormat): Importer {
  const importer = IMPORTERS.find((i) => i.format === format);
  if (!importer) throw new Error(`no importer for ${format}`);
  return importer;
}

/** Names the format of a file from its text, or throws ImportFormatError('auto', ...). */
export function detectFormat(text: string): ImportFormat {
  const found = IMPORTERS.find((importer) => importer.detect(text));
  if (found) return found.format;
  throw new ImportFormatError(
    'auto',
    null,
    'unrecognised file: expected one of a Papershelf JSON backup (json), a Hugging Face Daily Papers API response (hf-json), ' +
      'an arXiv API Atom feed (arxiv-atom), a BibTeX file (bibtex) or the copied text of a Hugging Face Papers page (hf-page)',
  );
}
