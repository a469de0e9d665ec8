/**
 * `pdf-settings.json` in the data folder: which papers' PDFs are kept on their own and the size
 * limit. A file of its own, not settings.json (the window's layout, reset freely when damaged): these
 * settings decide downloads and deletions, so every process reads the same file and changes are
 * written atomically under a lock of their own. A damaged file means the defaults (keep none, no
 * limit: nothing is downloaded or deleted on its own) and is reported, never rewritten silently.
 */
import { join } from 'node:path';
import { writeFileAtomicSync } from '../store/atomic-write.ts';
import { ensurePrivateDir } from '../store/disk-errors.ts';
import { readTextIfExists } from '../store/read-text.ts';
import { withWriteLockSync } from '../store/write-lock.ts';
import { pdfSettingsSchema, type PdfSettings } from './pdf-contract.ts';

export const PDF_SETTINGS_FILE = 'pdf-settings.json';
export const DEFAULT_PDF_SETTINGS: PdfSettings = { keep: 'none', maxBytes: null };
const LOCK = { name: 'pdf-settings' };

export function readPdfSettings(dataDir: string): { settings: PdfSettings; problem: string | null } {
  const text = readTextIfExists(join(dataDir, PDF_SETTINGS_FILE));
  if (text === null) return { settings: DEFAULT_PDF_SETTINGS, problem: null };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { settings: DEFAULT_PDF_SETTINGS, problem: `${PDF_SETTINGS_FILE} is not valid JSON: PDFs are neither kept nor pruned on their own until it is saved again` };
  }
  const parsed = pdfSettingsSchema.safeParse({ ...DEFAULT_PDF_SETTINGS, ...(typeof raw === 'object' && raw !== null ? raw : {}) });
  if (!parsed.success) return { settings: DEFAULT_PDF_SETTINGS, problem: `${PDF_SETTINGS_FILE} holds an invalid setting: PDFs are neither kept nor pruned on their own until it is saved again` };
  return { settings: { keep: parsed.data.keep, maxBytes: parsed.data.maxBytes }, problem: null };
}

export function savePdfSettings(dataDir: string, change: Partial<PdfSettings>): PdfSettings {
  ensurePrivateDir(dataDir);
  return withWriteLockSync(
    dataDir,
    () => {
      const next = pdfSettingsSchema.parse({ ...readPdfSettings(dataDir).settings, ...change });
      const settings: PdfSettings = { keep: next.keep, maxBytes: next.maxBytes };
      writeFileAtomicSync(join(dataDir, PDF_SETTINGS_FILE), `${JSON.stringify({ schemaVersion: 1, ...settings }, null, 2)}\n`);
      return settings;
    },
    LOCK,
  );
}
