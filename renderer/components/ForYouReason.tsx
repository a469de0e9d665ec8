import type { Row } from '../api/types.ts';
import { isRecommendation, reasonParts, reasonText } from '../lib/for-you.ts';

/** A recommended row's one line of why: the user's papers it follows from and its weightiest words. */
export function ForYouReason({ row }: { row: Row }) {
  if (!isRecommendation(row)) return null;
  const parts = reasonParts(row.because, row.words);
  if (parts.length === 0) return null;
  return (
    <div className="row-reason" title={reasonText(row.because, row.words)}>
      {parts.map((part, index) => (part.title ? <em key={index}>{part.text}</em> : <span key={index}>{part.text}</span>))}
    </div>
  );
}
