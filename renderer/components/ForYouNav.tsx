import { useId } from 'react';
import type { TagCount } from '../api/types.ts';
import { countLabel } from '../lib/format.ts';
import { forYouLabel, moreLikeTags, sameForYou, type ForYouView } from '../lib/for-you.ts';

interface ForYouNavProps {
  /** The For you list shown, if any. */
  current: ForYouView | null;
  tags: readonly TagCount[];
  /** New papers ranked for the user since the last time For you was opened. */
  badge: number;
  onOpen: (view: ForYouView) => void;
}

function ForYouItem({ view, active, badge, onOpen }: { view: ForYouView; active: boolean; badge: number; onOpen: (view: ForYouView) => void }) {
  const badgeId = useId();
  const label = forYouLabel(view);
  return (
    <li>
      <button
        type="button"
        className={active ? 'nav-item nav-item-active' : 'nav-item'}
        aria-current={active ? 'page' : undefined}
        aria-describedby={badge > 0 ? badgeId : undefined}
        onClick={() => onOpen(view)}
      >
        <span className="nav-label">{label}</span>
        {badge > 0 && (
          <>
            <span className="for-you-badge" aria-hidden="true">
              {badge.toLocaleString()}
            </span>
            {/* The name stays "For you"; the count is its description, as the library's entries do. */}
            <span id={badgeId} hidden>{`${countLabel(badge, 'new paper')} ranked for you`}</span>
          </>
        )}
      </button>
    </li>
  );
}

/** "For you" and, per tag with enough papers to learn from, "More like <tag>". */
export function ForYouNav({ current, tags, badge, onOpen }: ForYouNavProps) {
  return (
    <ul className="nav-list for-you-nav">
      <ForYouItem view={{ tag: null }} active={sameForYou(current, { tag: null })} badge={badge} onOpen={onOpen} />
      {moreLikeTags(tags).map((tag) => (
        <ForYouItem key={tag} view={{ tag }} active={sameForYou(current, { tag })} badge={0} onOpen={onOpen} />
      ))}
    </ul>
  );
}
