/**
 * Cuts a query into the pieces of Papershelf's syntax on top of Lunr's: parentheses, "phrases"
 * (optionally after `-`, `+` or a `field:`), the keywords OR / AND / NOT (upper case only, as in
 * Google and arXiv: lower-case "or" is a word), and words, which Lunr's own parser reads.
 * One linear pass; no regular expressions over the whole input.
 */
import { QueryError } from '../../model/errors.ts';

export type Token =
  | { type: 'open'; at: number }
  | { type: 'close'; at: number }
  | { type: 'or' | 'and' | 'not'; at: number }
  | { type: 'sign'; sign: '+' | '-'; at: number }
  | { type: 'phrase'; prefix: string; text: string; at: number }
  | { type: 'word'; text: string; at: number };

const KEYWORDS: ReadonlyMap<string, 'or' | 'and' | 'not'> = new Map([
  ['OR', 'or'],
  ['AND', 'and'],
  ['NOT', 'not'],
]);

function isSpace(char: string): boolean {
  return /\s/.test(char);
}

/** What may stand right before a phrase's opening quote: a sign, a field, or both. */
const PHRASE_PREFIX = /^[+-]?(?:[^\s:"()]+:)?$/;

export function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input[i]!;
    if (isSpace(char)) {
      i++;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: char === '(' ? 'open' : 'close', at: i });
      i++;
    } else {
      const start = i;
      while (i < input.length && !isSpace(input[i]!) && input[i] !== '(' && input[i] !== ')' && input[i] !== '"') i++;
      const word = input.slice(start, i);
      if (input[i] === '"' && PHRASE_PREFIX.test(word)) {
        const close = input.indexOf('"', i + 1);
        if (close < 0) throw new QueryError('a quote (") is not closed: end the phrase with another "');
        tokens.push({ type: 'phrase', prefix: word, text: input.slice(i + 1, close), at: start });
        i = close + 1;
      } else if ((word === '-' || word === '+') && input[i] === '(') {
        tokens.push({ type: 'sign', sign: word, at: start });
      } else if (word !== '') {
        const keyword = KEYWORDS.get(word);
        tokens.push(keyword ? { type: keyword, at: start } : { type: 'word', text: word, at: start });
      }
    }
  }
  return tokens;
}
