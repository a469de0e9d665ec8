/**
 * The `enrichPapers` operation's input and output, written for the contract (src/api/contract.ts):
 * `enrichPapers: op(enrichInputSchema, enrichReportSchema, true)`.
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
