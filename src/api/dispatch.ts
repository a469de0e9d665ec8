/**
 * The single entry point every door uses: validates the operation name and its input against the
 * contract, runs it, and turns any failure into a typed error value. Nothing here throws.
 */
import type { z } from 'zod';
import type { Library } from '../library/library.ts';
import { toErrorPayload } from '../model/errors.ts';
import { contract, isOperationName, type ApiResult, type OperationName, type OperationOutput } from './contract.ts';
import { handlers } from './handlers.ts';

/** "tags.0: tag is empty" — the first problem, with where it is, in one readable line. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

export type Dispatch = <N extends OperationName>(name: N, input: unknown) => Promise<ApiResult<OperationOutput<N>>>;

export function createDispatch(library: Library): Dispatch {
  return async (name, input) => {
    if (!isOperationName(name)) return { ok: false, error: { code: 'bad-input', message: `unknown operation "${String(name)}"` } };
    const parsed = contract[name].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'bad-input', message: describeZodError(parsed.error) } };
    try {
      const handler = handlers[name] as (library: Library, input: unknown) => unknown;
      const value = await handler(library, parsed.data);
      return { ok: true, value: value as OperationOutput<typeof name> };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error) };
    }
  };
}
