/** Which paper's PDF the reader shows (and at which page it was asked to open), or none. */
import { useCallback, useState } from 'react';

export interface ReaderTarget {
  id: string;
  title: string;
  page?: number;
  /** Opening the same paper again (a search result's page) starts a fresh reader. */
  opening: number;
}

export function usePdfReader() {
  const [reading, setReading] = useState<ReaderTarget | null>(null);
  const open = useCallback((id: string, title: string, page?: number) => {
    setReading((before) => ({ id, title, ...(page === undefined ? {} : { page }), opening: (before?.opening ?? 0) + 1 }));
  }, []);
  const close = useCallback(() => setReading(null), []);
  return { reading, open, close };
}
