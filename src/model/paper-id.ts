/**
 * The rule every door applies to a paper id (the contract's inputs, backups): not empty after
 * trimming, at most 300 characters. Kept in the model so the importers and stores share it with
 * the contract without depending on it.
 */
import * as z from 'zod/mini';

export const MAX_PAPER_ID_CHARS = 300;

export const paperId = z
  .string()
  .check(z.trim(), z.minLength(1, 'a paper id cannot be empty'), z.maxLength(MAX_PAPER_ID_CHARS, `a paper id cannot be longer than ${MAX_PAPER_ID_CHARS} characters`));
