/**
 * The single entry point every door uses: validates the operation name and its input against the
 * contract, runs it, and turns any failure into a typed error value. Nothing here throws. Every
 * error message leaves here as one line of at most 300 characters (error-text.ts).
 */
import type { Library } from '../library/library.ts';
import { toErrorPayload } from '../model/errors.ts';
import { contract, isOperationName, type ApiResult, type OperationName, type OperationOutput } from './contract.ts';
import { describeInputError, errorLine } from './error-text.ts';
import { handlers } from './handlers.ts';

/** "tag: a tag cannot be empty" — the first problem, named as a person knows the field, in one line. */
export const describeZodError = describeInputError;

export type Dispatch = <N extends OperationName>(name: N, input: unknown) => Promise<ApiResult<OperationOutput<N>>>;

export function createDispatch(library: Library): Dispatch {
  return async (name, input) => {
    if (!isOperationName(name)) return { ok: false, error: { code: 'bad-input', message: errorLine(`unknown operation "${String(name)}"`) } };
    const parsed = contract[name].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'bad-input', message: describeInputError(parsed.error, input) } };
    try {
      const handler = handlers[name] as (library: Library, input: unknown) => unknown;
      const value = await handler(library, parsed.data);
      return { ok: true, value: value as OperationOutput<typeof name> };
    } catch (error) {
      const payload = toErrorPayload(error);
      return { ok: false, error: { code: payload.code, message: errorLine(payload.message) } };
    }
  };
}
