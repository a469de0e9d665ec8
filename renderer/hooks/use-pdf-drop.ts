/**
 * PDFs dropped on the window are attached to their papers (`importPdfs`: the arXiv stamp, DOI or
 * title finds the paper; a paper not yet in the library is added). One file per call, so a call stays
 * well within the transport's size; each file's outcome is listed as it arrives.
 */
import { useCallback, useRef, useState } from 'react';
import type { OperationOutput, PapershelfBridge } from '../api/types.ts';

export type PdfFileOutcome = OperationOutput<'importPdfs'>['files'][number];

/** The contract's limits (src/pdfs/pdf-contract.ts): larger files are refused here without sending them. */
export const MAX_DROPPED_PDF_BYTES = 64 * 1024 * 1024;

export interface PdfDropState {
  /** Files still being read or attached. */
  pending: string[];
  results: PdfFileOutcome[];
}

export function isPdfFile(file: File): boolean {
  return file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

function refused(file: File, reason: string): PdfFileOutcome {
  return { name: file.name, outcome: 'unmatched', id: null, by: null, bytes: file.size, reason };
}

async function attach(bridge: PapershelfBridge, file: File): Promise<PdfFileOutcome> {
  if (file.size > MAX_DROPPED_PDF_BYTES) return refused(file, `larger than ${MAX_DROPPED_PDF_BYTES / 1024 / 1024} MB`);
  let bytesBase64: string;
  try {
    bytesBase64 = await base64Of(file);
  } catch (error) {
    return refused(file, error instanceof Error ? error.message : 'the file could not be read');
  }
  const answer = await bridge.importPdfs({ files: [{ name: file.name.slice(0, 500) || 'dropped.pdf', bytesBase64 }] });
  if (!answer.ok) return refused(file, answer.error.message);
  return answer.value.files[0] ?? refused(file, 'no answer for this file');
}

export function usePdfDrop(bridge: PapershelfBridge) {
  const [state, setState] = useState<PdfDropState | null>(null);
  const queue = useRef(Promise.resolve());

  const attachFiles = useCallback(
    (files: File[]) => {
      if (files.length === 0) return;
      setState((before) => ({ pending: [...(before?.pending ?? []), ...files.map((file) => file.name)], results: before?.results ?? [] }));
      for (const file of files) {
        queue.current = queue.current.then(async () => {
          const result = await attach(bridge, file);
          setState((before) => {
            const pending = [...(before?.pending ?? [])];
            pending.splice(pending.indexOf(file.name), 1);
            return { pending, results: [...(before?.results ?? []), result] };
          });
        });
      }
    },
    [bridge],
  );

  const dismiss = useCallback(() => setState((before) => (before && before.pending.length > 0 ? before : null)), []);
  return { state, attachFiles, dismiss };
}
