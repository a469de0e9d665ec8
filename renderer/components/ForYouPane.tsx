import type { ReactNode } from 'react';
import type { ForYouShown } from '../hooks/use-for-you.ts';
import { countLabel } from '../lib/format.ts';
import { forYouLabel } from '../lib/for-you.ts';

export const COLD_START_TEXT = 'Star or tag a few papers you like — For you learns from them.';

function intro(shown: ForYouShown): string {
  const model = shown.info?.model;
  if (!model) return 'Ranking papers for you…';
  if (model.coldStart) return `${COLD_START_TEXT} Until then, papers are listed by upvotes.`;
  const from = countLabel(model.positives, 'paper');
  return shown.view.tag === null
    ? `Ranked by what you liked in ${from} you starred, tagged, read or wrote notes on. Press x on a paper that does not interest you.`
    : `Ranked by the ${from} you tagged “${shown.view.tag}”. Press x on a paper that does not interest you.`;
}

/**
 * A For you list: what it is ranked by (or how to teach it), above the usual paper list. Without a
 * For you list shown, the library's list alone.
 */
export function ForYouPane({ shown, children }: { shown: ForYouShown | null; children: ReactNode }) {
  if (!shown) return children;
  return (
    <div className="for-you-pane">
      <aside className="for-you-intro" aria-label={forYouLabel(shown.view)}>
        <h2 className="for-you-title">{forYouLabel(shown.view)}</h2>
        <p className={shown.info?.model.coldStart ? 'for-you-cold' : 'muted'}>{intro(shown)}</p>
      </aside>
      {children}
    </div>
  );
}
