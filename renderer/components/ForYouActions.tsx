/** "Not interested" on the shown paper: it leaves For you and counts against papers like it. */
export function NotInterestedButton({ onDismiss }: { onDismiss: () => void }) {
  return (
    <button type="button" className="not-interested" onClick={onDismiss} aria-keyshortcuts="x" title="Not interested (x): hide from For you; Undo brings it back">
      Not interested
    </button>
  );
}
