/** Worker entry: parses one import file off the caller's thread (see parse-in-worker.ts). */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { ImportFormatError, PapershelfError } from '../../model/errors.ts';
import { parseImport, type ParseImportOptions } from '../index.ts';
import { BATCH, HEAP_BYTES_PER_CHAR, TOO_COMPLEX, type ParseMessage, type ParseRequest } from './parse-protocol.ts';

const port = parentPort;
if (!port) throw new Error('parse-worker-thread runs in a worker thread');
const send = (message: ParseMessage) => port.postMessage(message);

/**
 * One batch in flight at a time: the caller acknowledges each batch, so it takes them in one per turn
 * of its event loop. Posted all at once, they would queue up and be deserialized in one go, blocking
 * that loop for as long as a single message of every paper would.
 */
let acknowledged: (() => void) | null = null;
const ack = () => new Promise<void>((resolve) => (acknowledged = resolve));

async function inBatches<T>(items: T[], post: (batch: T[]) => void): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) {
    const taken = ack();
    post(items.slice(i, i + BATCH));
    await taken;
  }
}

const pieces: string[] = [];

port.on('message', (request: ParseRequest) => {
  if (request.kind === 'text') pieces.push(request.piece);
  else if (request.kind === 'ack') acknowledged?.();
  else void parse(pieces.join(''), request.options);
});

async function parse(text: string, options: ParseImportOptions): Promise<void> {
  pieces.length = 0;
  try {
    const heap = getHeapStatistics();
    if (text.length * HEAP_BYTES_PER_CHAR > heap.heap_size_limit - heap.used_heap_size) throw new ImportFormatError('file', null, TOO_COMPLEX);
    const { papers, backup, ...rest } = parseImport(text, options);
    await inBatches(papers, (batch) => send({ kind: 'papers', papers: batch }));
    if (backup) {
      await inBatches(backup.papers, (batch) => send({ kind: 'backup-papers', papers: batch }));
      await inBatches(Object.entries(backup.annotations), (batch) => send({ kind: 'annotations', entries: batch }));
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
