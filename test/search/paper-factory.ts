/** Builds StoredPapers for corpus tests; free of vitest so a child process can use it too. */
import { emptyPaperFields, type StoredPaper } from '../../src/model/paper.ts';

interface DailyPaperItem {
  paper: { id: string; title: string; summary: string; authors: Array<{ name: string }>; publishedAt: string; upvotes: number };
}

export function makePaper(fields: Partial<StoredPaper> & { id: string; title: string }): StoredPaper {
  return {
    ...emptyPaperFields(fields.title),
    sources: ['hf-json'],
    addedAt: '2026-06-12T00:00:00.000Z',
    modifiedAt: '2026-06-12T00:00:00.000Z',
    ...fields,
  };
}

/** Papers from a Daily Papers API response (the recorded fixtures' shape). */
export function dailyPapers(json: string): StoredPaper[] {
  return (JSON.parse(json) as DailyPaperItem[]).map(({ paper }) =>
    makePaper({
      id: paper.id,
      arxivId: paper.id,
      title: paper.title,
      abstract: paper.summary,
      authors: paper.authors.map((author) => author.name),
      authorCount: paper.authors.length,
      published: paper.publishedAt.slice(0, 10),
      upvotes: paper.upvotes,
    }),
  );
}
