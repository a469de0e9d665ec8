/**
 * The papers a search process read last, by segment and line: typing a query refines the one
 * before, so the same candidates are confirmed again and again. Bounded by count; the oldest read
 * goes first.
 */
import type { StoredPaper } from '../../model/paper.ts';

const DEFAULT_LIMIT = 4000;

export class PaperCache {
  private readonly papers = new Map<string, StoredPaper>();

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  get(segment: string, line: number, read: () => StoredPaper): StoredPaper {
    const key = `${segment}\n${line}`;
    let paper = this.papers.get(key);
    if (paper) {
      this.papers.delete(key);
      this.papers.set(key, paper);
      return paper;
    }
    paper = read();
    if (this.papers.size >= this.limit) this.papers.delete(this.papers.keys().next().value!);
    this.papers.set(key, paper);
    return paper;
  }

  clear(): void {
    this.papers.clear();
  }
}
