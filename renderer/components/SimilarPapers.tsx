import type { SearchResult } from '../api/types.ts';
import { authorLine } from '../lib/format.ts';

export function SimilarPapers({ papers, onSelect }: { papers: SearchResult[]; onSelect: (id: string) => void }) {
  if (papers.length === 0) return null;
  return (
    <section className="similar" aria-labelledby="similar-heading">
      <h3 id="similar-heading">Similar papers</h3>
      <ul>
        {papers.map((paper) => (
          <li key={paper.id}>
            <button type="button" className="link-button" onClick={() => onSelect(paper.id)}>
              {paper.title}
            </button>
            <span className="muted"> {authorLine(paper, 2)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
