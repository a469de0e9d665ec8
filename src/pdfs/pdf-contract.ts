/**
 * The contract's PDF operations: their inputs and answers (src/api/contract.ts lists them with the
 * other operations; src/pdfs/pdf-handlers.ts runs them).
 */
import * as z from 'zod/mini';
import { int, paperId, readingStatus, tagName, text } from '../api/schemas.ts';
import { PDF_KEEP_CHOICES } from './pdf-keep-choices.ts';

/** A file given to `importPdfs` is at most this large, and one call carries at most MAX_IMPORT_PDF_FILES. */
export const MAX_IMPORT_PDF_BYTES = 64 * 1024 * 1024;
export const MAX_IMPORT_PDF_FILES = 20;
const MAX_BASE64_CHARS = Math.ceil(MAX_IMPORT_PDF_BYTES / 3) * 4;

export { PDF_KEEP_CHOICES, type PdfKeep } from './pdf-keep-choices.ts';

export const pdfSettingsSchema = z.object({
  /** Which papers' PDFs are downloaded on their own: on `refresh`, and when a paper is starred in the window. */
  keep: z.enum(PDF_KEEP_CHOICES),
  /** Kept PDFs beyond this many bytes are pruned, the oldest read papers' first; null: no limit. */
  maxBytes: z.nullable(int().check(z.gte(1))),
});
export type PdfSettings = z.infer<typeof pdfSettingsSchema>;

export const pdfInfoSchema = z.object({
  kept: z.boolean(),
  bytes: z.nullable(int()),
  fetchedAt: z.nullable(z.string()),
  source: z.nullable(z.enum(['arxiv', 'url', 'import'])),
  /** A download address is known (arXiv id, or an http(s) pdfUrl). */
  canFetch: z.boolean(),
});
export type PdfInfo = z.infer<typeof pdfInfoSchema>;

export const pdfImportFileResultSchema = z.object({
  name: z.string(),
  /** matched: kept as the PDF of a library paper; added: its paper was resolved on arXiv and added; unmatched: nothing kept. */
  outcome: z.enum(['matched', 'added', 'unmatched']),
  id: z.nullable(z.string()),
  by: z.nullable(z.enum(['arxiv-stamp', 'doi', 'title'])),
  bytes: int(),
  reason: z.nullable(z.string()),
});
export type PdfImportFileResult = z.infer<typeof pdfImportFileResultSchema>;

const base64 = z.string().check(
  z.maxLength(MAX_BASE64_CHARS, `a PDF is larger than ${MAX_IMPORT_PDF_BYTES / 1024 / 1024} MB`),
  z.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'bytesBase64 is not base64'),
);

export const pdfOperations = {
  pdfInfo: { input: z.strictObject({ id: paperId }), output: pdfInfoSchema },
  fetchPdfs: {
    input: z.strictObject({
      ids: z.optional(z.array(paperId).check(z.minLength(1), z.maxLength(100_000))),
      starred: z.optional(z.boolean()),
      tag: z.optional(tagName),
      status: z.optional(readingStatus),
    }),
  },
  removePdf: { input: z.strictObject({ id: paperId }), output: z.object({ removed: z.boolean() }) },
  importPdfs: {
    input: z.strictObject({
      files: z
        .array(z.strictObject({ name: text(500).check(z.minLength(1)), bytesBase64: base64 }))
        .check(z.minLength(1, 'no files'), z.maxLength(MAX_IMPORT_PDF_FILES, `at most ${MAX_IMPORT_PDF_FILES} files at once`)),
    }),
    output: z.object({ files: z.array(pdfImportFileResultSchema) }),
  },
  getPdfSettings: { input: z.strictObject({}), output: pdfSettingsSchema },
  /** `pruned`: PDFs a new, lower size limit removed at once (the oldest read papers' first), and why. */
  savePdfSettings: {
    input: z.partial(z.strictObject(pdfSettingsSchema.shape)),
    output: z.extend(pdfSettingsSchema, { pruned: z.optional(z.object({ ids: z.array(z.string()), bytes: int(), message: z.string() })) }),
  },
};
