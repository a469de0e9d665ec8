/** The messages between SearchClient and the search worker. */
import type { StoredPaper } from '../../model/paper.ts';
import type { LoadProgress } from '../corpus/corpus-progressive.ts';
import type { SearchField } from '../analysis/fields.ts';

export interface WorkerSearchRequest {
  query: string;
  offset: number;
  limit: number;
  /** When present, only these papers may match. */
  only?: string[] | undefined;
}

export interface WorkerSimilarRequest {
  paper: Pick<StoredPaper, 'id' | 'title' | 'abstract' | 'authors'>;
  limit: number;
}

export interface WorkerPage {
  total: number;
  /** The requested page, best first. */
  hits: Array<{ id: string; score: number }>;
  /** Per field, the index terms that scored: give them to Corpus#matchesOf for highlighting. */
  scoringTerms: Map<SearchField, Set<string>>;
  /** Present while the worker is still loading the library: the page covers the newest segments. */
  loading: LoadProgress | null;
}
