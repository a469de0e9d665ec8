/** The exporters' input from the public paper shape, for doors that hold `PaperView`s (the window). */
import type { PaperView } from '../model/paper.ts';
import type { ExportItem } from './types.ts';

export function exportItemOfView(view: PaperView): ExportItem {
  const { details } = view;
  return {
    paper: {
      id: view.id,
      arxivId: view.arxivId,
      version: details.version,
      title: view.title,
      abstract: view.abstract,
      authors: view.authors,
      authorCount: view.authorCount,
      organization: view.organization,
      published: view.published,
      updated: details.updated,
      upvotes: view.upvotes,
      comments: details.comments,
      url: view.url,
      pdfUrl: view.pdfUrl,
      doi: details.doi,
      journalRef: details.journalRef,
      arxivComment: details.arxivComment,
      primaryCategory: details.primaryCategory,
      categories: details.categories,
      githubRepo: details.githubRepo,
      projectPage: details.projectPage,
      keywords: details.keywords,
      venue: details.venue,
      entryType: null,
      citationKey: null,
      sources: view.sources,
      addedAt: details.addedAt,
      modifiedAt: details.addedAt,
    },
    annotation: { starred: view.starred, tags: view.tags, status: view.status, updatedAt: details.addedAt },
    // Notes are private and never part of a citation.
    note: null,
  };
}
