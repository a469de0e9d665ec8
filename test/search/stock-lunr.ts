/** One stock Lunr index over papers and their tags and notes: what the corpus's results must equal. */
import lunr from 'lunr';
import type { StoredPaper } from '../../src/model/paper.ts';
import type { AnnotationText } from '../../src/search/corpus.ts';

export function stockIndex(papers: readonly StoredPaper[], annotations: ReadonlyMap<string, AnnotationText>): lunr.Index {
  return lunr(function () {
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
