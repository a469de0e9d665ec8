/**
 * Gives loaded segments their phrase term numbers (phrase-tokens.ts) in the background, a slice of
 * papers per turn of the event loop, so searches keep being answered meanwhile (on the text until a
 * segment is done). For the search worker, which answers the window's phrases again and again.
 */
import type { StoredPaper } from '../../model/paper.ts';
import { PAPER_FIELDS, paperFieldText, type PaperField } from '../analysis/fields.ts';
import { sharedTokenTable } from '../analysis/token-table.ts';
import { FieldTokensBuilder } from '../query/phrase-tokens.ts';
import type { LoadedSegment } from './corpus-state.ts';

const SLICE = 250;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class PhraseTokenPreparer {
  private readonly queue: LoadedSegment[] = [];
  private readonly seen = new WeakSet<LoadedSegment>();
  private running: Promise<void> | null = null;
  private stopped = false;

  /** Queues the segments not prepared yet, newest first (they answer first while loading). */
  add(segments: Iterable<LoadedSegment>): void {
    for (const segment of [...segments].reverse()) {
      if (segment.phraseTokens || this.seen.has(segment)) continue;
      this.seen.add(segment);
      this.queue.push(segment);
    }
    this.running ??= this.run().finally(() => (this.running = null));
  }

  /** Resolves when every queued segment is prepared. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  stop(): void {
    this.stopped = true;
  }

  private async run(): Promise<void> {
    for (let segment = this.queue.shift(); segment && !this.stopped; segment = this.queue.shift()) {
      await prepare(segment, () => this.stopped);
    }
  }
}

async function prepare(segment: LoadedSegment, stopped: () => boolean): Promise<void> {
  const count = segment.index.ids.length;
  const { papers, lines } = segment;
  const paperOf = papers ? (line: number): StoredPaper => papers[line]! : lines ? (line: number) => lines.read(line) : null;
  if (!paperOf) return;
  const table = sharedTokenTable();
  const builders = Object.fromEntries(PAPER_FIELDS.map((field) => [field, new FieldTokensBuilder(count, table)])) as Record<PaperField, FieldTokensBuilder>;
  for (let line = 0; line < count; line++) {
    if (line % SLICE === SLICE - 1) {
      await turn();
      if (stopped()) return;
    }
    let paper: StoredPaper;
    try {
      paper = paperOf(line);
    } catch {
      // The segment was let go of (closed) meanwhile: nothing to prepare.
      return;
    }
    for (const field of PAPER_FIELDS) builders[field].add(paperFieldText(paper, field));
  }
  segment.phraseTokens = Object.fromEntries(PAPER_FIELDS.map((field) => [field, builders[field].finish()])) as Record<PaperField, ReturnType<FieldTokensBuilder['finish']>>;
}
