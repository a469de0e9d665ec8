/** Whose PDFs a refresh of a follow downloads among the papers it fetched (kept apart from zod, for the CLI's start-up). */
export const FOLLOW_PDFS = ['none', 'starred', 'all'] as const;
export type FollowPdfs = (typeof FOLLOW_PDFS)[number];
