/**
 * One stock Lunr index over papers and their tags and notes: what the corpus's results must equal.
 * It runs Papershelf's analysis (accent folding, the Unicode trimmer, Lunr's stop words and stemmer;
 * text-terms.ts) at indexing and for query words, as Papershelf does, so like is compared with like.
 * Wildcard words skip Lunr's pipeline: give stock Lunr `foldQuery(query)` when they have accents.
 */
import lunr from 'lunr';
import type { StoredPaper } from '../../src/model/paper.ts';
import type { AnnotationText } from '../../src/search/corpus/corpus.ts';
import { ANALYSIS, foldToken } from '../../src/search/analysis/text-terms.ts';

export function stockIndex(papers: readonly StoredPaper[], annotations: ReadonlyMap<string, AnnotationText>): lunr.Index {
  return lunr(function () {
    this.pipeline.reset();
    this.pipeline.add(...ANALYSIS);
    this.searchPipeline.reset();
    this.searchPipeline.add(...ANALYSIS);
    this.ref('id');
    for (const field of ['title', 'abstract', 'authors', 'tags', 'note']) this.field(field);
    this.metadataWhitelist = ['position'];
    for (const paper of papers) {
      const text = annotations.get(paper.id);
      this.add({
        id: paper.id,
        title: paper.title,
        abstract: paper.abstract,
        authors: paper.authors.join(', '),
        tags: text?.tags.join(', ') ?? '',
        note: text?.note ?? '',
      });
    }
  });
}

/** A query in stock Lunr's syntax with every word folded as Papershelf folds it (for wildcard words). */
export function foldQuery(query: string): string {
  return foldToken(query.toLowerCase());
}
