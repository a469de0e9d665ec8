/** Worker entry: parses one import file off the caller's thread (see parse-in-worker.ts). */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { ImportFormatError, PapershelfError } from '../../model/errors.ts';
import { parseImport, type ParseImportOptions } from '../index.ts';
import { BATCH, HEAP_BYTES_PER_CHAR, TOO_COMPLEX, type ParseMessage, type ParseRequest } from './parse-protocol.ts';

const port = parentPort;
if (!port) throw new Error('parse-worker-thread runs in a worker thread');
const send = (message: ParseMessage) => port.postMessage(message);

function inBatches<T>(items: T[], post: (batch: T[]) => void): void {
  for (let i = 0; i < items.length; i += BATCH) post(items.slice(i, i + BATCH));
}

const pieces: string[] = [];

port.on('message', (request: ParseRequest) => {
  if (request.kind === 'text') pieces.push(request.piece);
  else parse(pieces.join(''), request.options);
});

function parse(text: string, options: ParseImportOptions): void {
  pieces.length = 0;
  try {
    const heap = getHeapStatistics();
    if (text.length * HEAP_BYTES_PER_CHAR > heap.heap_size_limit - heap.used_heap_size) throw new ImportFormatError('file', null, TOO_COMPLEX);
    const { papers, backup, ...rest } = parseImport(text, options);
    inBatches(papers, (batch) => send({ kind: 'papers', papers: batch }));
    if (backup) {
      inBatches(backup.papers, (batch) => send({ kind: 'backup-papers', papers: batch }));
      inBatches(Object.entries(backup.annotations), (batch) => send({ kind: 'annotations', entries: batch }));
    }
    send({ kind: 'done', result: rest, backup: backup !== undefined });
  } catch (error) {
    const importError = error instanceof ImportFormatError ? error : null;
    send({
      kind: 'failed',
      error: {
        code: error instanceof PapershelfError ? error.code : 'internal',
        message: error instanceof Error ? error.message : String(error),
        format: importError?.format ?? null,
        position: importError?.position ?? null,
      },
    });
  }
}
