/**
 * For a paper only a listing page described: what it still lacks (no arXiv id, author names, links)
 * and a button that looks it up on arXiv by its title. `o` meanwhile opens Hugging Face's paper
 * search for the title (renderer/lib/paper-links.ts).
 */
import { useBridge } from '../api/bridge-context.ts';
import type { PaperView } from '../api/types.ts';
import { gapsText, paperGaps } from '../../src/library/enrich/paper-gaps.ts';
import { useResolvePaper } from '../hooks/use-resolve-paper.ts';

export function PaperGaps({ paper, onMoved }: { paper: PaperView; onMoved?: (id: string) => void }) {
  const bridge = useBridge();
  const { state, resolve } = useResolvePaper(bridge, onMoved);
  const text = gapsText(paperGaps(paper));
  if (text === null || paper.arxivId !== null) return state.kind === 'done' ? <p role="status" className="muted">{state.text}</p> : null;
  return (
    <section className="detail-gaps" aria-label="Missing details">
      <p className="muted">
        {text}: this paper came from a listing page that gives no links.{' '}
        <button type="button" disabled={state.kind === 'resolving'} onClick={() => void resolve(paper.id)}>
          {state.kind === 'resolving' ? 'Resolving…' : 'Resolve'}
        </button>
      </p>
      {state.kind === 'done' && (
        <p role="status" className={state.error ? 'notice-error' : 'muted'}>
          {state.text}
        </p>
      )}
    </section>
  );
}
