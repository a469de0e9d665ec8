/**
 * Which index terms a wildcard or fuzzy query word stands for — exactly the terms
 * `lunr.TokenSet.fromArray(terms).intersect(pattern).toArray()` gives, without building (and
 * keeping) a trie of every term:
 * - fuzzy words: Lunr's own automaton (lunr.TokenSet.fromFuzzyString) and Lunr's intersection
 *   algorithm, walked over the sorted term list: the terms sharing a prefix are a contiguous range,
 *   so the range is the trie node and binary search finds its children;
 * - wildcards: Lunr's `*` matches any run of characters, empty included, so a pattern is a glob;
 *   the terms under its literal prefix (a binary-searched range) are tested against it. A leading
 *   `*` would make the trie walk visit every node of every segment.
 */
import type { TokenSet } from '../index/lunr-internals.ts';

interface QueryNode {
  final: boolean;
  edges: Record<string, QueryNode>;
}

/** First index in [lo, hi) whose character at `depth` is above `code` (the range shares `depth` characters). */
function endOfRun(terms: readonly string[], lo: number, hi: number, depth: number, code: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]!.charCodeAt(depth) <= code) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [lo, hi) whose character at `depth` is at least `code`. */
function startOfRun(terms: readonly string[], lo: number, hi: number, depth: number, code: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]!.charCodeAt(depth) < code) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Frame {
  query: QueryNode;
  lo: number;
  hi: number;
  depth: number;
}

/** A query node's edges as [character code (-1 for '*'), target] pairs, computed once per node. */
function edgesOf(node: QueryNode, cache: Map<QueryNode, Array<[number, QueryNode]>>): Array<[number, QueryNode]> {
  let edges = cache.get(node);
  if (!edges) {
    edges = Object.keys(node.edges).map((edge): [number, QueryNode] => [edge === '*' ? -1 : edge.charCodeAt(0), node.edges[edge]!]);
    cache.set(node, edges);
  }
  return edges;
}

/**
 * Terms of the sorted `terms` that the query automaton accepts. `limit` stops the walk once more
 * terms than that are found (the caller refuses such a query anyway).
 */
export function intersectSorted(terms: readonly string[], pattern: TokenSet, limit = Infinity): string[] {
  const found = new Set<string>();
  const cache = new Map<QueryNode, Array<[number, QueryNode]>>();
  const stack: Frame[] = [{ query: pattern as unknown as QueryNode, lo: 0, hi: terms.length, depth: 0 }];
  while (stack.length > 0 && found.size <= limit) {
    const { query, lo, hi, depth } = stack.pop()!;
    // The range's first term may end here (it is the node's own word); children follow it.
    const first = terms[lo] !== undefined && terms[lo]!.length === depth ? lo + 1 : lo;
    for (const [code, next] of edgesOf(query, cache)) {
      let from = code < 0 ? first : startOfRun(terms, first, hi, depth, code);
      while (from < hi) {
        const child = terms[from]!.charCodeAt(depth);
        if (code >= 0 && child !== code) break;
        const to = endOfRun(terms, from, hi, depth, child);
        if (next.final && terms[from]!.length === depth + 1) found.add(terms[from]!);
        stack.push({ query: next, lo: from, hi: to, depth: depth + 1 });
        if (code >= 0) break;
        from = to;
      }
    }
  }
  return [...found];
}

/** The first index whose term is not below `prefix`: where the terms starting with it begin. */
function lowerBound(terms: readonly string[], prefix: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A wildcard pattern's matcher: the literal prefix and, when there is more to it, a glob RegExp. */
export function wildcardMatcher(pattern: string): { prefix: string; glob: RegExp | null } {
  const parts = pattern.split('*');
  const prefix = parts[0]!;
  const trailingOnly = parts.length === 2 && parts[1] === '';
  // Terms never hold line terminators (they are whitespace, which the tokenizer splits on); `s` anyway.
  return { prefix, glob: trailingOnly ? null : new RegExp(`^${parts.map(escapeRegExp).join('.*')}$`, 's') };
}

/** Terms matching a wildcard pattern (see wildcardMatcher), at most `limit` + 1 of them. */
export function matchWildcard(terms: readonly string[], matcher: { prefix: string; glob: RegExp | null }, limit = Infinity): string[] {
  const matches: string[] = [];
  for (let i = lowerBound(terms, matcher.prefix); i < terms.length && matches.length <= limit; i++) {
    const term = terms[i]!;
    if (!term.startsWith(matcher.prefix)) break;
    // Lunr's intersection never yields the empty term.
    if (term !== '' && (matcher.glob === null || matcher.glob.test(term))) matches.push(term);
  }
  return matches;
}
