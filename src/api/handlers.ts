/** Binds each contract operation to the Library. Inputs arrive here already validated. */
import { cancelFetch, follow, listFetchJobs, listFollows, startFetch, startRefresh, unfollow } from '../library/fetch-service.ts';
import type { Library } from '../library/library.ts';
import type { ListFilter } from '../library/paper-view.ts';
import type { listFilterSchema } from './schemas.ts';
import type { Contract, OperationName } from './contract.ts';
import type { z } from 'zod';

type Handler<N extends OperationName> = (
  library: Library,
  input: z.output<Contract[N]['input']>,
) => z.input<Contract[N]['output']> | Promise<z.input<Contract[N]['output']>>;

export type Handlers = { [N in OperationName]: Handler<N> };

const filterOf = (input: z.output<typeof listFilterSchema>): ListFilter => ({
  starred: input.starred,
  tag: input.tag,
  status: input.status,
  source: input.source,
});

export const handlers: Handlers = {
  importText: (library, input) => library.importText(input),
  listPapers: (library, input) => library.listPapers({ ...filterOf(input), sort: input.sort, limit: input.limit, offset: input.offset }),
  search: (library, input) =>
    library.search(input.query, { ...filterOf(input), sort: input.sort, limit: input.limit, offset: input.offset }),
  getPaper: (library, input) => library.getPaper(input.id),
  similarPapers: (library, input) => ({ results: library.similarPapers(input.id, input.limit) }),
  setStar: (library, input) => library.annotate.setStar(input.id, input.starred),
  addTags: (library, input) => library.annotate.addTags(input.id, input.tags),
  removeTags: (library, input) => library.annotate.removeTags(input.id, input.tags),
  listTags: (library) => ({ tags: library.annotate.listTags() }),
  renameTag: (library, input) => ({ papers: library.annotate.retag(input.from, input.to) }),
  deleteTag: (library, input) => ({ papers: library.annotate.retag(input.tag, null) }),
  setStatus: (library, input) => library.annotate.setStatus(input.id, input.status),
  setNote: (library, input) => library.annotate.setNote(input.id, input.text),
  appendNote: (library, input) => library.annotate.appendNote(input.id, input.text),
  exportPapers: (library, input) => library.exportPapers(input.format, filterOf(input)),
  stats: (library) => library.stats(),
  getUiState: (library) => library.settings.getUiState(),
  saveUiState: (library, input) => library.settings.saveUiState(input),
  listFollows: (library) => listFollows(library),
  follow: (library, input) => follow(library, input),
  unfollow: (library, input) => unfollow(library, input.id),
  fetchSource: (library, input) => startFetch(library, input),
  refresh: (library) => startRefresh(library),
  cancelFetch: (library, input) => cancelFetch(library, input.job),
  listFetchJobs: (library) => listFetchJobs(library),
};
