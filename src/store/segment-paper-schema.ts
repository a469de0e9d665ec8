/** What one line of `papers/seg-NNNN.jsonl` must hold: a complete StoredPaper. */
import { z } from 'zod';
import type { StoredPaper } from '../model/paper.ts';

const text = z.string();
const maybeText = z.string().nullable();
const maybeInt = z.number().int().nullable();

export const storedPaperSchema: z.ZodType<StoredPaper> = z.object({
  id: z.string().min(1),
  arxivId: maybeText,
  version: maybeInt,
  title: text,
  abstract: text,
  /** arXiv's abstract, when it differs from the listing's (what the user read stays `abstract`). */
  arxivAbstract: z.string().optional(),
  authors: z.array(text),
  authorCount: maybeInt,
  organization: maybeText,
  published: maybeText,
  updated: maybeText,
  upvotes: maybeInt,
  comments: maybeInt,
  url: maybeText,
  pdfUrl: maybeText,
  doi: maybeText,
  journalRef: maybeText,
  arxivComment: maybeText,
  primaryCategory: maybeText,
  categories: z.array(text),
  githubRepo: maybeText,
  projectPage: maybeText,
  keywords: z.array(text),
  venue: maybeText,
  entryType: maybeText,
  citationKey: maybeText,
  sources: z.array(text),
  addedAt: text,
  modifiedAt: text,
});
