/** Messages for the user: failures (a change the core refused, the server gone) and confirmations. */
import { useCallback, useState } from 'react';

export interface Notice {
  id: number;
  message: string;
  tone: 'error' | 'info';
}

let nextId = 1;
const INFO_MS = 6000;

export function useNotices(limit = 3) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const dismiss = useCallback((id: number) => setNotices((current) => current.filter((notice) => notice.id !== id)), []);
  const report = useCallback(
    (message: string, tone: Notice['tone'] = 'error') => {
      const id = nextId++;
      setNotices((current) => {
        if (current.some((notice) => notice.message === message)) return current;
        return [...current, { id, message, tone }].slice(-limit);
      });
      // Confirmations fade on their own; failures stay until read and dismissed.
      if (tone === 'info') setTimeout(() => dismiss(id), INFO_MS);
    },
    [limit, dismiss],
  );
  return { notices, report, dismiss };
}
