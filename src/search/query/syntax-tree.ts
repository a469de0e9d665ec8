/**
 * The query as a tree: words AND-ed by default, `OR` between words or groups, `(…)` groups,
 * "phrases", and exclusion by `-` or `NOT`. Words are read by Lunr's own parser (query-parser.ts),
 * so everything Lunr accepts in a word (`title:`, `*`, `~1`, `^2`) keeps its meaning and its
 * readable refusals.
 */
import { QueryError } from '../../model/errors.ts';
import { QUERY_FIELD_HELP, QUERY_FIELD_NAMES, SEARCH_FIELDS } from '../analysis/fields.ts';
import { FULLTEXT_NAME, parseWord, type QueryClause } from './query-parser.ts';
import { lex, type Token } from './lexer.ts';
import { makePhrase, type Phrase } from './phrase.ts';

export type QueryNode =
  | { kind: 'clause'; clause: QueryClause }
  | { kind: 'phrase'; phrase: Phrase }
  /** Every `include` matches and no `exclude` does. */
  | { kind: 'all'; include: QueryNode[]; exclude: QueryNode[] }
  | { kind: 'any'; children: QueryNode[] };

/** Groups nest at most this deep: enough for any query a person writes, and no deep recursion. */
export const MAX_DEPTH = 20;

interface Item {
  node: QueryNode;
  excluded: boolean;
}

function phraseNode(token: Extract<Token, { type: 'phrase' }>, dropped: string[]): Item | null {
  const sign = token.prefix.startsWith('-') ? '-' : token.prefix.startsWith('+') ? '+' : '';
  const name = token.prefix.slice(sign.length).replace(/:$/, '').toLowerCase();
  const fulltext = name === FULLTEXT_NAME;
  const field = name !== '' && Object.hasOwn(QUERY_FIELD_NAMES, name) ? QUERY_FIELD_NAMES[name] : undefined;
  if (name !== '' && !field && !fulltext) throw new QueryError(`unknown field "${name}:" — you can search ${QUERY_FIELD_HELP}`);
  const found = makePhrase(token.text, fulltext ? [] : field ? [field] : [...SEARCH_FIELDS]);
  const phrase = found && fulltext ? { ...found, fulltext } : found;
  if (!phrase) {
    if (token.text.trim() !== '') dropped.push(token.text);
    return null;
  }
  // One word in quotes is that word.
  const node: QueryNode =
    phrase.keys.length === 1
      ? { kind: 'clause', clause: { fields: phrase.fields, terms: [{ text: phrase.terms[0]!, kind: 'exact', editDistance: 0, stemmedPattern: null }], presence: 'required', boost: 1, word: token.text, ...(fulltext ? { fulltext } : {}) } }
      : { kind: 'phrase', phrase };
  return { node, excluded: sign === '-' };
}

class TreeParser {
  private at = 0;
  readonly dropped: string[] = [];
  /** The last word typed, when the query ends in a plain word (see prefixLast). */
  lastWord: QueryClause | null = null;

  constructor(private readonly tokens: Token[]) {}

  parse(): QueryNode | null {
    const node = this.or(0);
    const extra = this.tokens[this.at];
    if (extra) throw new QueryError('a ")" has no "(" before it: remove it or add the "("');
    return node;
  }

  private or(depth: number): QueryNode | null {
    if (depth > MAX_DEPTH) throw new QueryError(`parentheses nest at most ${MAX_DEPTH} deep`);
    const sides: Array<QueryNode | null> = [this.and(depth)];
    while (this.tokens[this.at]?.type === 'or') {
      this.at++;
      if (sides[sides.length - 1] === null || this.atEndOfGroup()) throw new QueryError('"OR" needs words on both sides, e.g. robot OR manipulation');
      sides.push(this.and(depth));
    }
    const present = sides.filter((side): side is QueryNode => side !== null);
    if (present.length <= 1) return present[0] ?? null;
    for (const side of present) {
      if (side.kind === 'all' && side.include.length === 0) {
        throw new QueryError('a side of "OR" with only excluded words finds nothing: add a word to it');
      }
    }
    return { kind: 'any', children: present.flatMap((side) => (side.kind === 'any' ? side.children : [side])) };
  }

  private atEndOfGroup(): boolean {
    const next = this.tokens[this.at];
    return next === undefined || next.type === 'close' || next.type === 'or';
  }

  private and(depth: number): QueryNode | null {
    const items: Item[] = [];
    while (!this.atEndOfGroup()) {
      const token = this.tokens[this.at]!;
      if (token.type === 'and') {
        this.at++;
        continue;
      }
      let excluded = false;
      if (token.type === 'not' || token.type === 'sign') {
        this.at++;
        excluded = token.type === 'not' || (token.type === 'sign' && token.sign === '-');
        if (this.atEndOfGroup() || this.tokens[this.at]!.type === 'and') {
          throw new QueryError(token.type === 'not' ? '"NOT" needs a word after it, e.g. NOT survey' : '"+" and "-" need a word right after them, e.g. -survey');
        }
      }
      items.push(...this.unary(depth).map((item) => ({ ...item, excluded: item.excluded || excluded })));
    }
    const include: QueryNode[] = [];
    const exclude: QueryNode[] = [];
    for (const { node, excluded } of items) {
      // `a (-b)`: a group of only exclusions narrows its parent.
      if (!excluded && node.kind === 'all' && node.include.length === 0) exclude.push(...node.exclude);
      else if (excluded) exclude.push(node);
      else if (node.kind === 'all') {
        include.push(...node.include);
        exclude.push(...node.exclude);
      } else include.push(node);
    }
    if (include.length === 0 && exclude.length === 0) return null;
    if (include.length === 1 && exclude.length === 0) return include[0]!;
    return { kind: 'all', include, exclude };
  }

  private unary(depth: number): Item[] {
    const token = this.tokens[this.at++]!;
    this.lastWord = null;
    if (token.type === 'open') {
      const inner = this.or(depth + 1);
      if (this.tokens[this.at]?.type !== 'close') throw new QueryError('a "(" is not closed: add a ")" after the group');
      this.at++;
      return inner ? [{ node: inner, excluded: false }] : [];
    }
    if (token.type === 'phrase') {
      const item = phraseNode(token, this.dropped);
      return item ? [item] : [];
    }
    if (token.type === 'word') {
      const items = parseWord(token.text, this.dropped).map(
        (clause): Item => ({ node: { kind: 'clause', clause: { ...clause, presence: 'required' } }, excluded: clause.presence === 'prohibited' }),
      );
      const last = items[items.length - 1];
      if (last && !last.excluded && last.node.kind === 'clause' && this.at === this.tokens.length) {
        const clause = last.node.clause;
        if (clause.terms.every((term) => term.kind === 'exact')) this.lastWord = clause;
      }
      return items;
    }
    // Two operators in a row ("OR OR", "NOT AND"), or ")" where a word should be.
    throw new QueryError(token.type === 'close' ? 'a ")" has no "(" before it: remove it or add the "("' : `"${token.type.toUpperCase()}" needs a word after it`);
  }
}

export interface ParsedTree {
  root: QueryNode | null;
  dropped: string[];
  lastWord: QueryClause | null;
}

export function parseTree(text: string): ParsedTree {
  const parser = new TreeParser(lex(text));
  const root = parser.parse();
  return { root, dropped: parser.dropped, lastWord: parser.lastWord };
}
