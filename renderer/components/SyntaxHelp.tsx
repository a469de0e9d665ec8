import { useEffect, useRef } from 'react';

const SYNTAX: ReadonlyArray<readonly [example: string, meaning: string]> = [
  ['graph neural', 'papers with both words'],
  ['"reward model"', 'the words side by side, in this order'],
  ['robot OR hand', 'either word'],
  ['(dexterous OR grasp) robot', 'group words with parentheses'],
  ['-survey', 'leave out papers with the word (also NOT survey)'],
  ['title:diffusion', 'the word in the title'],
  ['author:"Xunhao Lai"', 'by an author'],
  ['tag:llm', 'with one of your tags'],
  ['note:todo', 'in your notes'],
  ['transform*', 'words starting with “transform”'],
  ['robustnes~1', 'one typo allowed'],
  ['+vision', 'the word is required'],
  ['2606.13106', 'a paper by arXiv id, arXiv or Hugging Face link, or DOI'],
];

/** The query syntax, one click from the search box; closes on Esc or a click elsewhere. */
export function SyntaxHelp({ id, onClose }: { id: string; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onPointer = (event: MouseEvent) => {
      if (!(event.target instanceof Element) || ref.current?.contains(event.target)) return;
      // The button that toggles the popover handles its own clicks.
      for (let node: Element | null = event.target; node; node = node.parentElement) {
        if (node.getAttribute('aria-controls') === id) return;
      }
      onClose();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('mousedown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [id, onClose]);
  return (
    <div
      ref={ref}
      id={id}
      role="dialog"
      aria-label="Search syntax"
      className="popover syntax-help"
    >
      <dl>
        {SYNTAX.map(([example, meaning]) => (
          <div key={example} className="syntax-row">
            <dt>
              <code>{example}</code>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
