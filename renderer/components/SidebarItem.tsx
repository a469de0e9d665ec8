import { useId } from 'react';

interface SidebarItemProps {
  label: string;
  count: number | undefined;
  active: boolean;
  onClick: () => void;
}

/**
 * A sidebar entry. Its accessible name is exactly the label ("Starred", not "Starred 12"); the count
 * is its description. The name comes from the visible label itself (not aria-label), so speech
 * input users can say what they see.
 */
export function SidebarItem({ label, count, active, onClick }: SidebarItemProps) {
  const countId = useId();
  return (
    <button
      type="button"
      className={active ? 'nav-item nav-item-active' : 'nav-item'}
      aria-current={active ? 'page' : undefined}
      aria-describedby={count === undefined ? undefined : countId}
      onClick={onClick}
    >
      <span className="nav-label">{label}</span>
      {count !== undefined && (
        <span className="count" id={countId} aria-hidden="true">
          {count.toLocaleString()}
        </span>
      )}
    </button>
  );
}
