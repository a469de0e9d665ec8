import type { Row } from '../api/types.ts';
import { isRecommendation, reasonParts, reasonText } from '../lib/for-you.ts';

/** Titles named in a row's reason are cut to this many characters; the row's tooltip has them whole. */
const ROW_TITLE_CHARS = 36;

/** A recommended row's one line of why: the user's papers it follows from and its weightiest words. */
export function ForYouReason({ row }: { row: Row }) {
  if (!isRecommendation(row)) return null;
  const parts = reasonParts(row.because, row.words, ROW_TITLE_CHARS);
  if (parts.length === 0) return null;
  return (
    <div className="row-reason" title={reasonText(row.because, row.words)}>
      {parts.map((part, index) => (part.title ? <em key={index}>{part.text}</em> : <span key={index}>{part.text}</span>))}
    </div>
  );
}
