/**
 * The `enrichPapers` and `enrichStatus` operations' inputs and outputs, for the contract
 * (src/api/contract.ts).
 */
import * as z from 'zod/mini';
import { int, paperId } from '../../api/schemas.ts';

/** No ids: every paper that still lacks an arXiv id. */
export const enrichInputSchema = z.strictObject({
  ids: z.optional(z.array(paperId).check(z.minLength(1), z.maxLength(100_000))),
});

export const enrichReportSchema = z.object({
  resolved: z.array(z.object({ from: z.string(), to: z.string(), title: z.string(), arxivAbstract: z.nullable(z.string()) })),
  unresolved: z.array(z.object({ id: z.string(), title: z.string(), reason: z.string() })),
  ambiguous: z.array(z.object({ id: z.string(), title: z.string(), candidates: z.array(z.string()) })),
  requests: int(),
  warnings: z.array(z.string()),
});

/** `auto`: turns automatic resolving (after imports and refreshes) on or off before answering. */
export const enrichStatusInputSchema = z.strictObject({ auto: z.optional(z.boolean()) });

export const enrichStatusSchema = z.object({
  auto: z.boolean(),
  pending: int(),
  due: int(),
  running: z.nullable(z.object({ papers: int(), done: int(), of: int() })),
});
