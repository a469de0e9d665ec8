/** A toggle button: its name stays "Star" and `aria-pressed` says whether the paper is starred. */
export function StarButton({ starred, onToggle }: { starred: boolean; onToggle: () => void }) {
  return (
    <button type="button" className="star-button" aria-pressed={starred} onClick={onToggle}>
      <span aria-hidden="true" className="star-icon">
        {starred ? '★' : '☆'}
      </span>
      Star
    </button>
  );
}
