/**
 * Parses an import file in a worker thread with a memory cap and a time budget, so a hostile or
 * huge file can neither freeze the caller's event loop (the server's, Electron's main process's,
 * a write-lock holder's) nor exhaust its heap: the worker is stopped and the file refused with
 * one line.
 */
import { ImportFormatError, PapershelfError, type ErrorCode } from '../../model/errors.ts';
import type { ParseImportOptions } from '../index.ts';
import type { ImportedAnnotation, ParsedImport } from '../types.ts';
import type { Worker } from 'node:worker_threads';
import { TEXT_PIECE, TOO_COMPLEX, type ParseFailure, type ParseMessage, type ParseRequest } from './parse-protocol.ts';

export { TOO_COMPLEX };
import { startWorker } from '../../search/worker/start-worker.ts';

export interface ParseBudget {
  /** From the worker's start; it is stopped when this runs out. */
  timeoutMs: number;
  /** The worker's heap cap (V8 old generation). */
  maxOldGenerationSizeMb: number;
}

/**
 * Generous for real files (a 10,000-paper JSON parses in about a second and a few times its size
 * of heap; BibTeX's LaTeX parser reads only ~100-200 KB a second), tight enough that a file built
 * to explode is stopped early.
 */
export function budgetFor(text: string): ParseBudget {
  const mb = text.length / 1_000_000;
  return {
    timeoutMs: Math.round(30_000 + 12_000 * mb),
    maxOldGenerationSizeMb: Math.min(4_096, Math.round(256 + 16 * mb)),
  };
}

const ENTRY = new URL('./parse-worker-thread.ts', import.meta.url);

function revive(failure: ParseFailure): PapershelfError {
  if (failure.format !== null) {
    const error = new ImportFormatError(failure.format, failure.position, '');
    error.message = failure.message;
    return error;
  }
  return new PapershelfError(failure.code as ErrorCode, failure.message);
}

function isOutOfMemory(error: Error): boolean {
  return (error as Error & { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

export function parseImportInWorker(text: string, options: ParseImportOptions = {}, budget: ParseBudget = budgetFor(text)): Promise<ParsedImport> {
  return new Promise<ParsedImport>((resolve, reject) => {
    const worker = startWorker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: budget.maxOldGenerationSizeMb } });
    const papers: ParsedImport['papers'] = [];
    const backupPapers: NonNullable<ParsedImport['backup']>['papers'] = [];
    // Without a prototype, an id such as `__proto__` is a key like any other.
    const annotations = Object.create(null) as Record<string, ImportedAnnotation>;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.removeAllListeners('message');
      void worker.terminate();
      outcome();
    };
    const fail = (error: Error) => settle(() => reject(error));
    const seconds = Math.round(budget.timeoutMs / 100) / 10;
    const timer = setTimeout(() => fail(new ImportFormatError('file', null, `${TOO_COMPLEX} (reading it took longer than ${seconds} s)`)), budget.timeoutMs);
    worker.on('message', (message: ParseMessage) => {
      if (message.kind === 'papers') papers.push(...message.papers);
      else if (message.kind === 'backup-papers') backupPapers.push(...message.papers);
      else if (message.kind === 'annotations') for (const [id, annotation] of message.entries) annotations[id] = annotation;
      if (message.kind === 'papers' || message.kind === 'backup-papers' || message.kind === 'annotations') worker.postMessage({ kind: 'ack' } satisfies ParseRequest);
      else if (message.kind === 'failed') fail(revive(message.error));
      else {
        const parsed: ParsedImport = { ...message.result, papers };
        if (message.backup) parsed.backup = { papers: backupPapers, annotations };
        settle(() => resolve(parsed));
      }
    });
    worker.on('error', (error: Error) => {
      fail(isOutOfMemory(error) ? new ImportFormatError('file', null, TOO_COMPLEX) : new PapershelfError('internal', `the import worker failed: ${error.message}`));
    });
    worker.on('exit', (code) => fail(new PapershelfError('internal', `the import worker stopped before answering (exit code ${code})`)));
    void sendText(worker, text, options, () => settled);
  });
}

/** One piece per turn of the event loop, so a large file never blocks the caller while it is copied. */
async function sendText(worker: Worker, text: string, options: ParseImportOptions, stopped: () => boolean): Promise<void> {
  for (let at = 0; at < text.length; at += TEXT_PIECE) {
    if (stopped()) return;
    worker.postMessage({ kind: 'text', piece: text.slice(at, at + TEXT_PIECE) } satisfies ParseRequest);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!stopped()) worker.postMessage({ kind: 'parse', options } satisfies ParseRequest);
}
