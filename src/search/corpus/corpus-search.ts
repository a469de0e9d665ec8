/**
 * Queries over a corpus state and its annotation index, shared by the in-process Corpus (papers in
 * memory) and the search worker (indexes in memory; a paper's text is read from its segment file
 * when a phrase must be confirmed on it or a DOI looked up: see PaperTexts).
 */
import type { StoredPaper } from '../../model/paper.ts';
import type { AnnotationIndex } from '../index/annotation-index.ts';
import type { CorpusState } from './corpus-state.ts';
import { annotationFieldText, isPaperField, paperFieldText, type SearchField } from '../analysis/fields.ts';
import { evaluate, Evaluator, rankMatched, termStatistics, type Evaluation, type Ranked } from '../query/query-eval.ts';
import { parseSearch, type ParseOptions } from '../query/parse-search.ts';
import { memoryLookup, pinnedPage, referencedIds, type PaperLookup } from '../query/pinned.ts';
import { matchTree, scoringClauses, type PhraseCheck } from '../query/tree-eval.ts';
import { containsPhrase, type Phrase } from '../query/phrase.ts';
import { lineHoldsPhrase, phraseNumbers, type FieldTokens } from '../query/phrase-tokens.ts';
import type { DocSpace } from '../query/search-source.ts';
import { similarClauses } from '../query/similar.ts';

export interface RankedPage {
  /** Matching papers (after the filter). */
  total: number;
  /** The requested page, best first. */
  page: Ranked[];
  /** Per field, the index terms that scored: what match positions are found for. */
  scoringTerms: Map<SearchField, Set<string>>;
}

export interface PageRequest extends ParseOptions {
  offset: number;
  limit: number;
  filter?: ((id: string) => boolean) | undefined;
}

/** What a query needs of the papers beyond the indexes: field text for phrases, and DOIs. */
export interface PaperTexts extends PaperLookup {
  /** The live paper, or undefined when this process cannot read it (phrases then count as found). */
  get(id: string): StoredPaper | undefined;
}

/** PaperTexts over a state that holds its papers. */
export function memoryTexts(state: CorpusState): PaperTexts {
  return { ...memoryLookup((id) => state.has(id), () => state.all()), get: (id) => state.get(id) };
}

export function docSpaceOf(state: CorpusState, annotations: AnnotationIndex): DocSpace {
  const annotation = annotations.source((id) => state.docOf(id));
  const documentCount = state.size;
  const tags = annotation.lengthTotal('tags');
  const note = annotation.lengthTotal('note');
  const total = (field: SearchField) => (isPaperField(field) ? state.lengthTotal(field) : field === 'tags' ? tags : note);
  return {
    ...state.docSpace(),
    sources: [...state.sources, annotation],
    stats: { documentCount, averageFieldLength: (field) => (documentCount === 0 ? 0 : total(field) / documentCount) },
  };
}

function phraseCheckOf(state: CorpusState, papers: PaperTexts, annotations: AnnotationIndex): PhraseCheck {
  const numbers = new Map<FieldTokens, Map<Phrase, Int32Array | null>>();
  return (doc, field, phrase) => {
    if (!isPaperField(field)) {
      const text = annotations.text(state.idOf(doc));
      return containsPhrase(text ? annotationFieldText(text, field) : '', phrase.keys, phrase.probe);
    }
    const { segment, line } = state.placeOfDoc(doc);
    const tokens = segment.phraseTokens?.[field];
    if (!tokens) {
      // Neither papers nor their file: the phrase counts as found.
      const paper = segment.papers?.[line] ?? papers.get(state.idOf(doc));
      return !paper || containsPhrase(paperFieldText(paper, field), phrase.keys, phrase.probe);
    }
    let byPhrase = numbers.get(tokens);
    if (!byPhrase) numbers.set(tokens, (byPhrase = new Map()));
    let wanted = byPhrase.get(phrase);
    if (wanted === undefined) byPhrase.set(phrase, (wanted = phraseNumbers(tokens, phrase)));
    return wanted !== null && lineHoldsPhrase(tokens, line, wanted);
  };
}

/**
 * Throws QueryError, with a message for the user, for a query that cannot run. Papers named by an
 * id, a link or a DOI in the query come first, then the papers its words find.
 */
export function rankQuery(state: CorpusState, annotations: AnnotationIndex, query: string, request: PageRequest, papers: PaperTexts = memoryTexts(state)): RankedPage {
  const parsed = parseSearch(query, request);
  const space = docSpaceOf(state, annotations);
  const pinned = referencedIds(parsed.references, papers).filter((id) => !request.filter || request.filter(id));
  const words = (offset: number, limit: number): Evaluation => {
    const root = parsed.root;
    if (root === null) return { total: 0, page: [], scoringTerms: new Map() };
    const skip = new Set(pinned);
    const filter = skip.size === 0 ? request.filter : (id: string) => !skip.has(id) && (!request.filter || request.filter(id));
    const options = { offset, limit, filter };
    if (parsed.flat) return evaluate(parsed.flat, space, options);
    const evaluator = new Evaluator(space);
    return rankMatched(evaluator, scoringClauses(root), matchTree(evaluator, root, null, phraseCheckOf(state, papers, annotations)), options);
  };
  return pinnedPage(pinned, (id) => state.docOf(id), words, request);
}

/** Papers sharing the most distinctive words (and tags) of `paper`, best first, without itself. */
export function rankSimilar(state: CorpusState, annotations: AnnotationIndex, paper: Pick<StoredPaper, 'id' | 'title' | 'abstract' | 'authors'>, limit: number): RankedPage {
  const space = docSpaceOf(state, annotations);
  const clauses = similarClauses(paper, annotations.text(paper.id), termStatistics(space));
  if (clauses.length === 0) return { total: 0, page: [], scoringTerms: new Map() };
  return evaluate(clauses, space, { filter: (other) => other !== paper.id, offset: 0, limit });
}
