/**
 * The deterministic sequence of commits the crash test's child process performs, and the library
 * state expected after the first k of them. Free of vitest: the child imports it too.
 */
import type { StoredPaper } from '../../../src/model/paper.ts';
import { makePaper } from '../paper-factory.ts';

const FILLER =
  'We study segmented inverted indexes for reading lists, measure their latency under load, ' +
  'compare merge policies, and report the recall of fuzzy and wildcard queries over abstracts.';

function paper(i: number, j: number, revisedIn?: number): StoredPaper {
  const title = revisedIn === undefined ? `paper ${i}-${j} about topic${j}` : `paper ${i}-${j} revised in ${revisedIn}`;
  return makePaper({ id: `p-${i}-${j}`, title, abstract: `${FILLER} Batch ${i}, item ${j}. ${FILLER}`, authors: [`Author ${i}`, `Writer ${j}`] });
}

/** Commit i adds five papers, revises the first paper of commit i-1 and removes the second of commit i-2. */
export function batch(i: number): { upsert: StoredPaper[]; remove: string[] } {
  const upsert = [0, 1, 2, 3, 4].map((j) => paper(i, j));
  if (i > 1) upsert.push(paper(i - 1, 0, i));
  return { upsert, remove: i > 2 ? [`p-${i - 2}-1`] : [] };
}

/** id -> title after commits 1..k. */
export function expectedState(k: number): Map<string, string> {
  const state = new Map<string, string>();
  for (let i = 1; i <= k; i++) {
    const { upsert, remove } = batch(i);
    for (const id of remove) state.delete(id);
    for (const p of upsert) state.set(p.id, p.title);
  }
  return state;
}

/** The number of commits a library holds: every commit i leaves `p-i-0` in place. */
export function committedCount(ids: Iterable<string>): number {
  let count = 0;
  for (const id of ids) {
    const match = /^p-(\d+)-0$/.exec(id);
    if (match) count = Math.max(count, Number(match[1]));
  }
  return count;
}
