/**
 * Binds each contract operation to the Library. Inputs arrive here already validated. Each handler
 * says what it needs loaded: one paper (`onePaper`: a lazily opened library reads just that paper),
 * every paper (`whole`), or nothing beyond annotations and settings. Online sources are imported on
 * first use, so commands that never fetch never load that code.
 */
import type { Library } from '../library/library.ts';
import { listIds } from '../library/list-ids.ts';
import type { ListFilter } from '../library/paper-view.ts';
import type { listFilterSchema } from './schemas.ts';
import type { Contract, OperationName } from './contract.ts';
import type { z } from 'zod';

type Handler<N extends OperationName> = (
  library: Library,
  input: z.output<Contract[N]['input']>,
) => z.input<Contract[N]['output']> | Promise<z.input<Contract[N]['output']>>;

export type Handlers = { [N in OperationName]: Handler<N> };

/** Operations on the paper `input.id`. */
function onePaper<N extends OperationName>(run: (library: Library, input: z.output<Contract[N]['input']> & { id: string }) => ReturnType<Handler<N>>) {
  return async (library: Library, input: z.output<Contract[N]['input']> & { id: string }) => {
    await library.locate(input.id);
    return run(library, input);
  };
}

/** Operations over the whole library. */
function whole<N extends OperationName>(run: Handler<N>): Handler<N> {
  return async (library, input) => {
    await library.loaded();
    return run(library, input);
  };
}

const fulltextSearch = () => import('../search/fulltext/fulltext-library.ts');
const fetchService = () => import('../library/fetch-service.ts');
const pdfs = () => import('../pdfs/pdf-handlers.ts');

const filterOf = (input: z.output<typeof listFilterSchema>): ListFilter => ({
  starred: input.starred,
  tag: input.tag,
  status: input.status,
  source: input.source,
  ids: input.ids === undefined ? undefined : new Set(input.ids),
});

export const handlers: Handlers = {
  importText: (library, input) => library.importText(input),
  listPapers: whole((library, input) => library.listPapers({ ...filterOf(input), sort: input.sort, limit: input.limit, offset: input.offset })),
  search: whole(async (library, input) => (await fulltextSearch()).searchLibrary(library, input, filterOf(input))),
  getPaper: onePaper<'getPaper'>((library, input) => library.getPaper(input.id)),
  similarPapers: whole((library, input) => ({ results: library.similarPapers(input.id, input.limit) })),
  recommend: whole(async (library, input) => (await import('../recommend/recommend-service.ts')).recommend(library, input)),
  setStar: onePaper<'setStar'>((library, input) => library.annotate.setStar(input.id, input.starred)),
  addTags: onePaper<'addTags'>((library, input) => library.annotate.addTags(input.id, input.tags)),
  removeTags: onePaper<'removeTags'>((library, input) => library.annotate.removeTags(input.id, input.tags)),
  listTags: (library) => ({ tags: library.annotate.listTags() }),
  renameTag: whole(async (library, input) => ({ papers: await library.annotate.retag(input.from, input.to) })),
  deleteTag: whole(async (library, input) => ({ papers: await library.annotate.retag(input.tag, null) })),
  setStatus: onePaper<'setStatus'>((library, input) => library.annotate.setStatus(input.id, input.status)),
  applyChanges: whole((library, input) => library.annotate.applyChanges(input.changes)),
  listIds: whole((library, input) => listIds(library, input.query, { ...filterOf(input), sort: input.sort, limit: input.limit, offset: input.offset, prefixLast: input.prefixLast })),
  setNote: onePaper<'setNote'>((library, input) => library.annotate.setNote(input.id, input.text)),
  appendNote: onePaper<'appendNote'>((library, input) => library.annotate.appendNote(input.id, input.text)),
  noteHistory: onePaper<'noteHistory'>((library, input) => library.annotate.noteHistory(input.id)),
  restoreNote: onePaper<'restoreNote'>((library, input) => library.annotate.restoreNote(input.id, input.version)),
  listDevices: async (library) => (await import('../sync/device-list.ts')).listDevices(library.dataDir),
  forgetDevice: async (library, input) => (await import('../sync/device-list.ts')).forgetDevice(library.dataDir, input.deviceId),
  exportPapers: whole((library, input) => library.exportPapers(input.format, filterOf(input), { style: input.style, locale: input.locale })),
  stats: whole(async (library) => ({ ...library.stats(), pdfs: (await pdfs()).pdfTotals(library.dataDir) })),
  getUiState: async (library) => (await library.openSettings()).getUiState(),
  saveUiState: async (library, input) => (await library.openSettings()).saveUiState(input),
  listFollows: async (library) => (await fetchService()).listFollows(library),
  follow: async (library, input) => (await fetchService()).follow(library, input),
  unfollow: async (library, input) => (await fetchService()).unfollow(library, input.id),
  fetchSource: async (library, input) => (await fetchService()).startFetch(library, input),
  refresh: async (library) => (await fetchService()).startRefresh(library),
  cancelFetch: async (library, input) => (await fetchService()).cancelFetch(library, input.job),
  listFetchJobs: async (library) => (await fetchService()).listFetchJobs(library),
  pdfInfo: async (library, input) => (await pdfs()).pdfInfo(library, input),
  fetchPdfs: async (library, input) => (await pdfs()).fetchPdfsJob(library, input),
  removePdf: async (library, input) => (await pdfs()).removePdf(library, input),
  importPdfs: async (library, input) => (await pdfs()).importPdfs(library, input),
  getPdfSettings: async (library) => (await pdfs()).getPdfSettings(library),
  savePdfSettings: async (library, input) => (await pdfs()).savePdfSettingsOp(library, input),
  enrichPapers: (library, input) => library.enrichPapers(input.ids),
  enrichStatus: async (library, input) => {
    const enrichment = await library.enrich();
    return input.auto === undefined ? enrichment.status() : enrichment.setAuto(input.auto);
  },
};
