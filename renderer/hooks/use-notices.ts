/** Messages for the user: failures (a change the core refused, the server gone) and confirmations. */
import { useCallback, useState } from 'react';

export interface Notice {
  id: number;
  message: string;
  tone: 'error' | 'info';
}

let nextId = 1;

export function useNotices(limit = 3) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const report = useCallback(
    (message: string, tone: Notice['tone'] = 'error') =>
      setNotices((current) => {
        if (current.some((notice) => notice.message === message)) return current;
        return [...current, { id: nextId++, message, tone }].slice(-limit);
      }),
    [limit],
  );
  const dismiss = useCallback((id: number) => setNotices((current) => current.filter((notice) => notice.id !== id)), []);
  return { notices, report, dismiss };
}
