/** Which papers' PDFs are kept on their own (kept apart from zod, for the CLI's start-up). */
export const PDF_KEEP_CHOICES = ['none', 'starred', 'starred-and-to-read'] as const;
export type PdfKeep = (typeof PDF_KEEP_CHOICES)[number];
