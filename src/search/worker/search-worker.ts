/**
 * Worker entry: answers searches over the data folder's indexes (no paper bodies) off the thread
 * that serves the user. Requests run one at a time; the client drops superseded ones before they
 * get here (search-client.ts).
 */
import { PapershelfError } from '../../model/errors.ts';
import type { AnnotationText } from '../analysis/fields.ts';
import { IndexOnlyCorpus } from '../corpus/index-only-corpus.ts';
import type { RankedPage } from '../corpus/corpus-search.ts';
import { serveRpc } from './rpc.ts';
import type { WorkerPage, WorkerSearchRequest, WorkerSimilarRequest } from './search-protocol.ts';

let corpus: IndexOnlyCorpus | null = null;

function opened(): IndexOnlyCorpus {
  if (!corpus) throw new PapershelfError('internal', 'the search worker has not opened a library');
  return corpus;
}

function page(ranked: RankedPage): { value: WorkerPage } {
  const loading = opened().loadProgress;
  return { value: { total: ranked.total, hits: ranked.page.map(({ id, score }) => ({ id, score })), scoringTerms: ranked.scoringTerms, loading } };
}

serveRpc({
  open: async (args: { dataDir: string; progressive: boolean }) => {
    corpus = await IndexOnlyCorpus.open(args.dataDir, args.progressive);
    return { value: { size: corpus.size, problems: corpus.problems } };
  },
  search: (request: WorkerSearchRequest) => {
    const only = request.only ? new Set(request.only) : null;
    return page(opened().search(request.query, { offset: request.offset, limit: request.limit, filter: only ? (id) => only.has(id) : undefined }));
  },
  similar: (request: WorkerSimilarRequest) => page(opened().similar(request.paper, request.limit)),
  refresh: async () => ({ value: await opened().refresh() }),
  whenLoaded: async () => {
    await opened().whenLoaded();
    return { value: opened().size };
  },
  setAnnotationTexts: (texts: Map<string, AnnotationText>) => {
    opened().setAnnotationTexts(texts);
    return { value: null };
  },
  updateAnnotationText: (args: { id: string; text: AnnotationText | null }) => {
    opened().updateAnnotationText(args.id, args.text);
    return { value: null };
  },
});
