/**
 * The operations a window runs while the user types and scrolls, answered the way a window needs:
 * `search` and `similarPapers` by the search worker (this thread only relays), and, while the
 * library is still loading newest first, `search` and `listPapers` at once from what is loaded,
 * saying so with `partial: {loaded, total}` (papers). Everything else, and these operations when no
 * worker is running, go to the library's ordinary dispatch. The CLI never comes here: it waits for
 * the whole library and searches in its own thread.
 */
import { contract, type ApiResult, type OperationName, type OperationOutput } from '../api/contract.ts';
import type { Dispatch } from '../api/dispatch.ts';
import { describeInputError, errorLine } from '../api/error-text.ts';
import type { Library } from '../library/library.ts';
import { toErrorPayload } from '../model/errors.ts';
import { currentCaller } from './search-caller.ts';
import type { SearchThread } from './search-thread-client.ts';

/** The search input's own page limit: a selection of more hits than this is refused as a bulk action anyway. */
const MAX_IDS = 100_000;

type Answer<N extends OperationName> = Promise<ApiResult<OperationOutput<N>>>;

async function answer<T>(run: () => T | Promise<T>): Promise<ApiResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const payload = toErrorPayload(error);
    return { ok: false, error: { code: payload.code, message: errorLine(payload.message) } };
  }
}

export interface WindowLibrary {
  library: Library;
  dispatch: Dispatch;
  /** True once every segment is loaded. */
  loaded: boolean;
}

export class WindowOperations {
  private workerLoaded = false;

  constructor(
    private readonly current: () => WindowLibrary,
    private readonly thread: () => Promise<SearchThread | null>,
  ) {}

  /** Null for an operation this class leaves to the library's dispatch. */
  run<N extends OperationName>(name: N, input: unknown): Answer<N> | null {
    let answered: Answer<OperationName> | null = null;
    if (name === 'search') answered = this.search(input);
    else if (name === 'similarPapers') answered = this.similar(input);
    else if (name === 'listPapers' && !this.current().loaded) answered = this.listWhileLoading(input);
    else if (name === 'listIds') answered = this.idsOfSearch(input);
    // The name was checked above: each branch answers the operation it was asked.
    return answered as Answer<N> | null;
  }

  /** "Select all" under a query: the ids of every hit, searched in the worker like the list itself. */
  private async idsOfSearch(input: unknown): Answer<'listIds'> {
    const { dispatch } = this.current();
    const parsed = contract.listIds.input.safeParse(input ?? {});
    const query = parsed.success ? parsed.data.query?.trim() : undefined;
    if (!parsed.success || !query) return dispatch('listIds', input);
    const page = await this.search({ ...parsed.data, query, limit: parsed.data.limit ?? MAX_IDS });
    if (!page.ok) return page;
    return { ok: true, value: { total: page.value.total, ids: page.value.results.map((paper) => paper.id) } };
  }

  private async search(input: unknown): Answer<'search'> {
    const { dispatch } = this.current();
    const parsed = contract.search.input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'bad-input', message: describeInputError(parsed.error, input) } };
    // Read before the first await: the caller lives in the async context of this call.
    const caller = currentCaller();
    const thread = await this.thread();
    if (!thread || thread.failed) return dispatch('search', input);
    // Once this thread has every paper, so has every answer: the worker may still be loading its
    // own copy of the indexes, and a search then waits for it rather than say less than the list.
    return answer(async () => {
      if (this.current().loaded && !this.workerLoaded) {
        await thread.settled();
        this.workerLoaded = true;
      }
      return thread.search(parsed.data, caller);
    });
  }

  private async similar(input: unknown): Answer<'similarPapers'> {
    const { library, dispatch } = this.current();
    const parsed = contract.similarPapers.input.safeParse(input ?? {});
    const thread = await this.thread();
    if (!parsed.success || !thread || thread.failed) return dispatch('similarPapers', input);
    return answer(async () => {
      await library.loaded();
      return { results: await thread.similar(library.resolveId(parsed.data.id), parsed.data.limit ?? 10) };
    });
  }

  private async listWhileLoading(input: unknown): Answer<'listPapers'> {
    const { library } = this.current();
    const parsed = contract.listPapers.input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'bad-input', message: describeInputError(parsed.error, input) } };
    const { sort, limit, offset, ids, ...filter } = parsed.data;
    return answer(() => {
      // Read together, in one turn: the page and the progress describe the same loaded segments.
      const page = library.listPapers({ ...filter, ids: ids === undefined ? undefined : new Set(ids), sort, limit, offset });
      const progress = library.stats().loading;
      return progress ? { ...page, partial: { loaded: progress.papersLoaded, total: progress.papers } } : page;
    });
  }
}
