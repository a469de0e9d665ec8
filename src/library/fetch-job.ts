/**
 * One fetch job: its counts, its parts (the follows of a refresh, or the single source of a fetch),
 * its outcome, and the control the fetch code reports through. Every batch is a committed import,
 * so whatever the outcome the library holds whole batches only, and the messages say so.
 */
import type { ApiError, FetchJob } from '../api/contract.ts';
import { toErrorPayload, USER_ERROR_CODES, type ErrorCode } from '../model/errors.ts';
import type { ImportSummary } from './library.ts';

export type FetchJobKind = FetchJob['kind'];
type Part = FetchJob['parts'][number] & { expected: number };

/** The id prefix of a job's part that downloads PDFs (src/pdfs/pdf-fetch-job.ts). */
export const PDF_PART_PREFIX = 'pdf:';

/** Warnings kept per job; a fetch of the whole archive could otherwise hold thousands. */
const MAX_WARNINGS = 200;
const UNCHANGED_SUFFIX = / — your library is unchanged$/;

export interface FetchControl {
  readonly signal: AbortSignal;
  /** Announces a part and the batches it is expected to take, without starting it. */
  plan(id: string, label: string, expected: number): void;
  /** Starts (announcing if needed) a part: requests and batches count towards it from now on. */
  part(id: string, label: string, expected: number): void;
  /** Revises how many batches the current part takes in all, once a page says how many results exist. */
  expect(batches: number): void;
  /** One batch committed to the library. */
  imported(summary: Pick<ImportSummary, 'added' | 'updated' | 'unchanged' | 'skipped' | 'warnings'>, message: string): void;
  /** The current part failed; a refresh goes on with the next follow. Returns the message recorded. */
  failed(error: unknown): ApiError;
  note(message: string): void;
  /** Something the user should know that did not stop the job (a damaged file repaired). */
  warn(message: string): void;
  countRequest(): void;
}

/** A source error's detail without the "your library is unchanged" it ends with. */
export function withoutUnchanged(message: string): string {
  return message.replace(UNCHANGED_SUFFIX, '');
}

const batchesWord = (n: number): string => `${n} ${n === 1 ? 'batch' : 'batches'}`;

/** What a failure means for the library, given how many batches were committed before it. */
export function outcomeError(error: unknown, batches: number): ApiError {
  const { code, message } = toErrorPayload(error);
  if (code === 'cancelled') {
    return { code, message: batches === 0 ? 'cancelled — your library is unchanged' : `cancelled — ${batchesWord(batches)} imported, library consistent` };
  }
  const detail = withoutUnchanged(message);
  if (batches === 0) return { code, message: `${detail} — your library is unchanged` };
  return { code, message: `${detail} — ${batchesWord(batches)} imported before the failure, library consistent` };
}

export class Job implements FetchControl {
  readonly controller = new AbortController();
  private readonly parts: Part[] = [];
  private current: Part | null = null;
  private readonly warnings: string[] = [];
  private state: FetchJob['state'] = 'running';
  private message = 'starting';
  private error: ApiError | null = null;
  private finishedAt: string | null = null;
  private readonly startedAt = new Date().toISOString();

  constructor(
    readonly id: string,
    readonly kind: FetchJobKind,
    readonly label: string,
    private readonly changed: (job: Job) => void,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get finished(): boolean {
    return this.state !== 'running';
  }

  plan(id: string, label: string, expected: number): void {
    if (!this.parts.some((part) => part.id === id)) {
      this.parts.push({ id, label, added: 0, updated: 0, unchanged: 0, skipped: 0, requests: 0, batches: 0, error: null, expected });
    }
  }

  part(id: string, label: string, expected: number): void {
    this.plan(id, label, expected);
    this.current = this.parts.find((part) => part.id === id) ?? null;
    if (this.current) this.current.expected = expected;
    // A one-off fetch's only part is the job itself: its start was announced already.
    if (label !== this.label) this.note(label);
  }

  expect(batches: number): void {
    if (this.current) this.current.expected = batches;
  }

  imported(summary: Pick<ImportSummary, 'added' | 'updated' | 'unchanged' | 'skipped' | 'warnings'>, message: string): void {
    const part = this.active();
    part.added += summary.added;
    part.updated += summary.updated;
    part.unchanged += summary.unchanged;
    part.skipped += summary.skipped;
    part.batches += 1;
    for (const warning of summary.warnings) if (this.warnings.length < MAX_WARNINGS) this.warnings.push(warning);
    this.note(message);
  }

  failed(error: unknown): ApiError {
    const part = this.active();
    const outcome = outcomeError(error, part.batches);
    part.error = { code: outcome.code, message: `${part.label}: ${outcome.message}` };
    this.note(part.error.message);
    return part.error;
  }

  note(message: string): void {
    this.message = message;
    this.changed(this);
  }

  warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
    this.note(`warning: ${message}`);
  }

  countRequest(): void {
    this.active().requests += 1;
  }

  /** Records how the run ended: thrown (failed or cancelled), or returned (done, unless a part failed). */
  finish(thrown: { error: unknown } | null): void {
    const done = this.parts.reduce((sum, part) => sum + part.batches, 0);
    if (thrown) {
      this.error = outcomeError(thrown.error, done);
      if (this.current && !this.current.error && this.error.code !== 'cancelled') this.current.error = this.error;
      this.state = this.error.code === 'cancelled' ? 'cancelled' : 'failed';
    } else {
      const failures = this.parts.flatMap((part) => (part.error ? [part.error] : []));
      if (failures.length > 0) {
        // Exit codes follow the worst failure: a network fault outranks a rejected query.
        const code = failures.find((failure) => !USER_ERROR_CODES.has(failure.code as ErrorCode))?.code ?? failures[0]!.code;
        this.error = { code, message: failures.map((failure) => failure.message).join('; ') };
      }
      this.state = failures.length > 0 ? 'failed' : 'done';
    }
    this.finishedAt = new Date().toISOString();
    this.message = this.error?.message ?? `done: ${this.summaryText()}`;
    this.current = null;
    this.changed(this);
  }

  private active(): Part {
    if (!this.current) this.part(this.kind, this.label, 1);
    return this.current!;
  }

  private summaryText(): string {
    const view = this.view();
    return `${view.added} added, ${view.updated} updated, ${view.unchanged} unchanged, ${view.requests} requests`;
  }

  view(): FetchJob {
    // A refresh's PDF downloads are a part of their own (PDF_PART_PREFIX): listed with their counts,
    // but the refresh's added/updated/… count papers, not PDFs.
    const papers = this.kind === 'pdf' ? this.parts : this.parts.filter((part) => !part.id.startsWith(PDF_PART_PREFIX));
    const sum = (key: 'added' | 'updated' | 'unchanged' | 'skipped' | 'requests' | 'batches'): number =>
      (key === 'requests' || key === 'batches' ? this.parts : papers).reduce((total, part) => total + part[key], 0);
    const done = sum('batches');
    const total = this.parts.reduce((all, part) => all + (part.error || this.finished ? part.batches : Math.max(part.expected, part.batches)), 0);
    return {
      id: this.id,
      kind: this.kind,
      label: this.label,
      state: this.state,
      finished: this.finished,
      done,
      total: Math.max(total, done),
      message: this.message,
      added: sum('added'),
      updated: sum('updated'),
      unchanged: sum('unchanged'),
      skipped: sum('skipped'),
      requests: sum('requests'),
      warnings: [...this.warnings],
      parts: this.parts.map(({ expected: _expected, ...part }) => ({ ...part, error: part.error && { ...part.error } })),
      error: this.error && { ...this.error },
      startedAt: this.startedAt,
      finishedAt: this.finishedAt,
    };
  }
}
