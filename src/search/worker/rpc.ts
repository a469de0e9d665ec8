/**
 * Request/response over a worker thread's message port: each call carries a number, the answer
 * names it. Errors cross as {code, message} and come back as PapershelfError (QueryError for
 * queries), so callers see the same errors as in-process calls.
 */
import { parentPort, Worker, type Transferable } from 'node:worker_threads';
import { PapershelfError, QueryError, toErrorPayload, type ErrorCode } from '../../model/errors.ts';

interface Request {
  id: number;
  method: string;
  args: unknown;
}

type Response = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { code: ErrorCode; message: string } };

function revive(error: { code: ErrorCode; message: string }): PapershelfError {
  return error.code === 'bad-query' ? new QueryError(error.message) : new PapershelfError(error.code, error.message);
}

/** What a worker's handler may return: a value, and buffers to move (not copy) to the caller. */
export interface Reply {
  value: unknown;
  transfer?: Transferable[];
}

export class RpcClient {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private failure: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', (response: Response) => {
      const waiting = this.pending.get(response.id);
      if (!waiting) return;
      this.pending.delete(response.id);
      if (response.ok) waiting.resolve(response.value);
      else waiting.reject(revive(response.error));
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new PapershelfError('internal', `the worker thread stopped (exit code ${code})`)));
  }

  /** Whether the worker itself failed (it could not start, crashed or was stopped). */
  get failed(): boolean {
    return this.failure !== null;
  }

  call<T>(method: string, args: unknown, transfer: Transferable[] = []): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, method, args } satisfies Request, transfer);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** In the worker: answers requests with `handlers`, one at a time in arrival order. */
export function serveRpc(handlers: Record<string, (args: never) => Reply | Promise<Reply>>): void {
  const port = parentPort;
  if (!port) throw new Error('serveRpc runs in a worker thread');
  let queue = Promise.resolve();
  port.on('message', (request: Request) => {
    queue = queue.then(async () => {
      try {
        const handler = handlers[request.method];
        if (!handler) throw new PapershelfError('internal', `unknown worker method "${request.method}"`);
        const reply = await handler(request.args as never);
        port.postMessage({ id: request.id, ok: true, value: reply.value } satisfies Response, reply.transfer ?? []);
      } catch (error) {
        port.postMessage({ id: request.id, ok: false, error: toErrorPayload(error) } satisfies Response);
      }
    });
  });
}
