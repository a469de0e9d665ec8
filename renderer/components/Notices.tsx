import type { Notice } from '../hooks/use-notices.ts';

export function Notices({ notices, onDismiss }: { notices: Notice[]; onDismiss: (id: number) => void }) {
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <p key={notice.id} className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : undefined} aria-live="polite">
          <span>{notice.message}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => onDismiss(notice.id)}>
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
