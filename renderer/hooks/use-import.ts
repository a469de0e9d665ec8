/** One import at a time, from a file or pasted text: reading, importing, then the core's summary. */
import { useCallback, useState } from 'react';
import type { ImportSummary, PapershelfBridge } from '../api/types.ts';
import { readFileText } from '../lib/read-file.ts';

export type ImportPhase =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string; loaded: number; total: number }
  | { kind: 'importing'; name: string }
  | { kind: 'done'; name: string; summary: ImportSummary }
  | { kind: 'failed'; name: string; message: string };

export function useImport(bridge: PapershelfBridge) {
  const [phase, setPhase] = useState<ImportPhase>({ kind: 'idle' });

  const importText = useCallback(
    async (text: string, name: string) => {
      setPhase({ kind: 'importing', name });
      const answer = await bridge.importText({ text, sourceName: name.slice(0, 300) });
      setPhase(answer.ok ? { kind: 'done', name, summary: answer.value } : { kind: 'failed', name, message: answer.error.message });
    },
    [bridge],
  );

  const importFile = useCallback(
    async (file: File) => {
      setPhase({ kind: 'reading', name: file.name, loaded: 0, total: file.size });
      let text: string;
      try {
        text = await readFileText(file, (loaded, total) => setPhase({ kind: 'reading', name: file.name, loaded, total }));
      } catch (error) {
        setPhase({ kind: 'failed', name: file.name, message: `${file.name}: ${error instanceof Error ? error.message : String(error)}` });
        return;
      }
      await importText(text, file.name);
    },
    [importText],
  );

  const reset = useCallback(() => setPhase({ kind: 'idle' }), []);
  return { phase, importText, importFile, reset };
}
