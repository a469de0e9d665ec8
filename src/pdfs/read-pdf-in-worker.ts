/**
 * Reads a PDF with pdf.js in a worker thread with a heap cap and a time budget, so a hostile or
 * broken file can neither freeze the caller's event loop nor exhaust its heap: the worker is stopped
 * and the file refused with one line. The cheap byte checks come first (pdf-bytes.ts): pdf.js
 * repairs damaged files, and would read a PDF cut short as long as its first pages survived.
 */
import { PapershelfError } from '../model/errors.ts';
import { startWorker } from '../search/worker/start-worker.ts';
import { endProblem, startProblem } from './pdf-bytes.ts';
import type { Worker } from 'node:worker_threads';
import type { PdfFacts, PdfReadAnswer, PdfReadRequest, PdfText } from './pdf-read-protocol.ts';

export type { PdfFacts, PdfText };

/** A file that is not a readable PDF; the message is one line for the user. */
export class PdfRefusedError extends PapershelfError {
  constructor(reason: string) {
    super('bad-file', reason);
    this.name = 'PdfRefusedError';
  }
}

export interface PdfReadBudget {
  timeoutMs: number;
  maxOldGenerationSizeMb: number;
}

/**
 * pdf.js opens a paper of a few MB and reads its first page in well under a second (see the
 * measurements in src/pdfs/README.md); the budget leaves room for large scanned files and a slow
 * machine while stopping a file built to explode within seconds.
 */
export function pdfBudgetFor(bytes: number): PdfReadBudget {
  const mb = bytes / 1_000_000;
  return { timeoutMs: Math.round(5_000 + 500 * mb), maxOldGenerationSizeMb: Math.min(2048, Math.round(192 + 6 * mb)) };
}

/**
 * Every page's text takes longer than the first page's: pdf.js reads a paper's page in a few tens of
 * milliseconds, so a 300-page book fits in the fixed part; the budget still stops a file built to explode.
 */
export function pdfTextBudgetFor(bytes: number): PdfReadBudget {
  const budget = pdfBudgetFor(bytes);
  return { ...budget, timeoutMs: budget.timeoutMs * 4 };
}

/** A reused worker's heap cap: the budget of a 50 MB file. */
const SHARED_HEAP_MB = pdfBudgetFor(50_000_000).maxOldGenerationSizeMb;

const ENTRY = new URL('./pdf-read-thread.ts', import.meta.url);

/**
 * Reads PDFs one at a time in one worker, kept between files: loading pdf.js takes most of a
 * second, reading a paper a fraction of that. A worker stopped for a file (out of time, out of
 * memory) is replaced for the next; one whose heap cap is too small for the next file too.
 */
export class PdfReader {
  private worker: Worker | null = null;
  private heapMb = 0;
  private queue: Promise<unknown> = Promise.resolve();

  /** The facts of a PDF, or a PdfRefusedError saying why the bytes are not a readable PDF. */
  read(bytes: Uint8Array, budget: PdfReadBudget = pdfBudgetFor(bytes.byteLength)): Promise<PdfFacts> {
    return this.inTurn(bytes, async () => {
      const facts = await this.readInWorker(bytes, budget, 'facts');
      if (facts.pages < 1) throw new PdfRefusedError('not a readable PDF (it has no pages)');
      return facts;
    });
  }

  /** Every page's text, or a PdfRefusedError saying why the bytes are not a readable PDF. */
  readText(bytes: Uint8Array, budget: PdfReadBudget = pdfTextBudgetFor(bytes.byteLength)): Promise<PdfText> {
    return this.inTurn(bytes, async () => {
      const text = await this.readInWorker(bytes, budget, 'text');
      if (text.pages.length < 1) throw new PdfRefusedError('not a readable PDF (it has no pages)');
      return text;
    });
  }

  private inTurn<T>(bytes: Uint8Array, run: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(async () => {
      const problem = startProblem(bytes.subarray(0, 1024)) ?? endProblem(bytes);
      if (problem) throw new PdfRefusedError(problem);
      return run();
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.stop();
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private async workerFor(budget: PdfReadBudget): Promise<Worker> {
    if (this.worker && this.heapMb >= budget.maxOldGenerationSizeMb) return this.worker;
    await this.stop();
    // Room for the usual papers at once, so a slightly larger file does not cost a new worker.
    const heapMb = Math.max(budget.maxOldGenerationSizeMb, SHARED_HEAP_MB);
    const worker = startWorker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: heapMb }, stdout: true, stderr: true });
    // pdf.js may print anyway: drain and drop it, so nothing reaches this process's output.
    worker.stdout.resume();
    worker.stderr.resume();
    try {
      await started(worker);
    } catch (error) {
      void worker.terminate();
      throw error;
    }
    this.worker = worker;
    this.heapMb = heapMb;
    return worker;
  }

  private async readInWorker(bytes: Uint8Array, budget: PdfReadBudget, want: 'facts'): Promise<PdfFacts>;
  private async readInWorker(bytes: Uint8Array, budget: PdfReadBudget, want: 'text'): Promise<PdfText>;
  private async readInWorker(bytes: Uint8Array, budget: PdfReadBudget, want: 'facts' | 'text'): Promise<PdfFacts | PdfText> {
    const worker = await this.workerFor(budget);
    return new Promise<PdfFacts | PdfText>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void, broken: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (broken && this.worker === worker) void this.stop();
        outcome();
      };
      const refuse = (reason: string, broken: boolean) => settle(() => reject(new PdfRefusedError(reason)), broken);
      const seconds = Math.round(budget.timeoutMs / 100) / 10;
      const timer = setTimeout(() => refuse(`the PDF is too large or too complex to read (stopped after ${seconds} s)`, true), budget.timeoutMs);
      const onMessage = (answer: PdfReadAnswer) => {
        if (answer.kind === 'ready') return;
        if (answer.kind === 'read') settle(() => resolve(answer.facts), false);
        else if (answer.kind === 'text') settle(() => resolve(answer.text), false);
        else refuse(`not a readable PDF (${oneLine(answer.message)})`, false);
      };
      const onError = (error: Error & { code?: string }) => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') refuse(`the PDF is too large or too complex to read (it needed more than ${this.heapMb} MB)`, true);
        else refuse(`not a readable PDF (${oneLine(error.message)})`, true);
      };
      const onExit = (code: number) => settle(() => reject(new PapershelfError('internal', `the PDF reader stopped before answering (exit code ${code})`)), true);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // A private copy, so the caller's buffer stays usable after the transfer.
      const copy = new Uint8Array(bytes).buffer;
      worker.postMessage({ bytes: copy, want } satisfies PdfReadRequest, [copy]);
    });
  }
}

/** Loading pdf.js from source (tests) takes seconds on a busy machine; from a bundle, well under one. */
const START_TIMEOUT_MS = 60_000;

/** Resolves once the worker has loaded pdf.js. */
function started(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (outcome: () => void) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      outcome();
    };
    const fail = (why: string) => done(() => reject(new PapershelfError('internal', `the PDF reader did not start: ${why}`)));
    const timer = setTimeout(() => fail(`pdf.js did not load within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const onMessage = (answer: PdfReadAnswer) => {
      if (answer.kind === 'ready') done(resolve);
      else if (answer.kind === 'failed') fail(answer.message);
    };
    const onError = (error: Error) => fail(error.message);
    const onExit = (code: number) => fail(`it stopped (exit code ${code})`);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

function oneLine(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim() || 'unknown error';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Reads one PDF in a worker of its own. */
export async function readPdf(bytes: Uint8Array, budget?: PdfReadBudget): Promise<PdfFacts> {
  const reader = new PdfReader();
  try {
    return await reader.read(bytes, budget);
  } finally {
    await reader.close();
  }
}
