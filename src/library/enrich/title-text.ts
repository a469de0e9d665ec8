/**
 * The form in which two titles are compared: the listing's (as a person saw it on a web page) and
 * arXiv's (as its author typed it, often with TeX markup). Everything that is spelling rather than
 * wording is folded away — case, punctuation, dashes and quotes, whitespace, TeX commands, braces and
 * math dollars, accents (`\"o`, `{\o}`, `ö`), Unicode compatibility forms — and nothing else: a word
 * more or less, or a different number, still makes a different title.
 */

/** Letters that carry no combining mark to strip but are written with a TeX command. */
const TEX_LETTERS: Record<string, string> = {
  o: 'o',
  O: 'o',
  l: 'l',
  L: 'l',
  ss: 'ss',
  ae: 'ae',
  AE: 'ae',
  oe: 'oe',
  OE: 'oe',
  aa: 'a',
  AA: 'a',
  i: 'i',
  j: 'j',
};

/** Letters Unicode does not decompose into a base letter and a mark. */
const UNICODE_LETTERS: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

// Every pattern is a plain character class or a bounded alternation: linear on any input.
const TEX_LETTER = /\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![a-zA-Z])/g;
/** `\"o`, `\'e`, `\^{o}`, and the lettered accents `\c{c}`, `\v s`, `\H{o}`...: the accent goes, the letter stays. */
const TEX_ACCENT = /\\(?:["'`^~=.]|[cvuHkrdbt](?![a-zA-Z]))/g;
const TEX_ESCAPED = /\\([&%_$#{}])/g;
const TEX_COMMAND = /\\[a-zA-Z]+\*?/g;
const UNICODE_LETTER = /[øłßæœđðþı]/g;

export function stripTex(title: string): string {
  return title
    .replace(TEX_LETTER, (_, name: string) => TEX_LETTERS[name] ?? name)
    .replace(TEX_ACCENT, '')
    .replace(TEX_ESCAPED, ' ')
    .replace(TEX_COMMAND, ' ')
    .replace(/[{}$~]/g, (char) => (char === '~' ? ' ' : ''));
}

/** `GeoRef: Referring Expressions…` and `GeoRef -- Referring {E}xpressions…` give the same text. */
export function titleMatchText(title: string): string {
  return stripTex(title)
    .normalize('NFKC')
    .toLowerCase()
    .replace(UNICODE_LETTER, (char) => UNICODE_LETTERS[char] ?? char)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
