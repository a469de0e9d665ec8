/** A search result found inside its PDF: "p. 4 — …the snippet…", the matched words marked. */
import type { ReactNode } from 'react';
import type { Row } from '../api/types.ts';

type PdfMatch = NonNullable<Row['pdfMatch']>;

function snippetParts(match: PdfMatch): ReactNode[] {
  const parts: ReactNode[] = [];
  let at = 0;
  const positions = [...match.positions].sort((a, b) => a[0] - b[0]);
  for (const [start, length] of positions) {
    if (start < at || start + length > match.snippet.length) continue;
    if (start > at) parts.push(match.snippet.slice(at, start));
    parts.push(<mark key={start}>{match.snippet.slice(start, start + length)}</mark>);
    at = start + length;
  }
  if (at < match.snippet.length) parts.push(match.snippet.slice(at));
  return parts;
}

export function PdfMatchLine({ row }: { row: Row }) {
  if (!row.pdfMatch) return null;
  return (
    <div className="row-reason pdf-match-line">
      <span className="pdf-match-page">p. {row.pdfMatch.page}</span> — {snippetParts(row.pdfMatch)}
    </div>
  );
}
