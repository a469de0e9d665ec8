/** What the contract's `search` says of a hit found inside its PDF (fulltext-snippet.ts). */
import * as z from 'zod/mini';
import { int } from '../../api/schemas.ts';

export const pdfMatchSchema = z.object({
  /** 1 for the first page. */
  page: int(),
  snippet: z.string(),
  /** `[start, length]` of each matched word in `snippet`. */
  positions: z.array(z.tuple([int(), int()])),
});
