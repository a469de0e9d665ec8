/**
 * One page of ranked hits without sorting every match: a common word matches most of the library,
 * but the window shows 50. Order: score descending, then id ascending (stable pages across calls).
 */
export interface Ranked {
  id: string;
  /** The paper's number in the corpus's doc space. */
  doc: number;
  score: number;
}

export function topHits(docs: readonly number[], scores: Float64Array, idOf: (doc: number) => string, offset: number, limit: number): Ranked[] {
  const wanted = Math.min(docs.length, offset + limit);
  if (wanted <= offset) return [];
  const ids = new Map<number, string>();
  const id = (doc: number) => {
    let value = ids.get(doc);
    if (value === undefined) ids.set(doc, (value = idOf(doc)));
    return value;
  };
  /** Whether a ranks before b. */
  const before = (a: number, b: number) => {
    const sa = scores[a]!;
    const sb = scores[b]!;
    return sa !== sb ? sa > sb : id(a) < id(b);
  };
  let best: number[];
  if (wanted * 4 >= docs.length) {
    best = [...docs];
  } else {
    // A heap of the `wanted` best so far, worst at the root.
    const heap: number[] = [];
    const siftDown = (start: number) => {
      let i = start;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let worst = i;
        if (left < heap.length && before(heap[worst]!, heap[left]!)) worst = left;
        if (right < heap.length && before(heap[worst]!, heap[right]!)) worst = right;
        if (worst === i) return;
        [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
        i = worst;
      }
    };
    for (const doc of docs) {
      if (heap.length < wanted) {
        heap.push(doc);
        let i = heap.length - 1;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!before(heap[parent]!, heap[i]!)) break;
          [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
          i = parent;
        }
      } else if (before(doc, heap[0]!)) {
        heap[0] = doc;
        siftDown(0);
      }
    }
    best = heap;
  }
  best.sort((a, b) => (a === b ? 0 : before(a, b) ? -1 : 1));
  return best.slice(offset, wanted).map((doc) => ({ id: id(doc), doc, score: scores[doc]! }));
}
