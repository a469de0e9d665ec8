/**
 * Text to BibTeX field values. Accented Latin letters become LaTeX accent commands (`G{\"o}del`) so
 * the file works with classic BibTeX, whose sorting and label code mangle multi-byte UTF-8, as well
 * as with biber; letters with no LaTeX command (CJK, Greek, stacked accents) stay UTF-8 — the file is
 * written as UTF-8. Braces in the text are written as `\textbraceleft{}`/`\textbraceright{}` because
 * BibTeX counts even backslashed braces, so only the exporter's own braces appear, always balanced.
 */

const SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
};

const LETTERS: Record<string, string> = {
  ß: '{\\ss}', ø: '{\\o}', Ø: '{\\O}', æ: '{\\ae}', Æ: '{\\AE}', œ: '{\\oe}', Œ: '{\\OE}',
  å: '{\\aa}', Å: '{\\AA}', ł: '{\\l}', Ł: '{\\L}', ı: '{\\i}',
};

// Combining mark -> LaTeX accent command. Symbol commands attach directly (`\"o`), letter commands
// need a space (`\c c`).
const ACCENTS: Record<string, string> = {
  '\u0300': '`', '\u0301': "'", '\u0302': '^', '\u0303': '~', '\u0304': '=', '\u0307': '.', '\u0308': '"',
  '\u0306': 'u ', '\u030a': 'r ', '\u030b': 'H ', '\u030c': 'v ', '\u0323': 'd ', '\u0327': 'c ', '\u0328': 'k ',
};

function escapeChar(char: string): string {
  const special = SPECIALS[char];
  if (special) return special;
  if (char.charCodeAt(0) < 0x80) return char;
  const letter = LETTERS[char];
  if (letter) return letter;
  const [base, mark, ...rest] = [...char.normalize('NFD')];
  const accent = mark === undefined ? undefined : ACCENTS[mark];
  if (base && accent && rest.length === 0 && /^[A-Za-z]$/.test(base)) return `{\\${accent}${base}}`;
  return char;
}

/** Escapes every BibTeX/LaTeX special and accent; the result contains only balanced braces. */
export function escapeLatex(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) out += escapeChar(char);
  return out;
}

/**
 * Whether sentence-casing would damage a word: an acronym or a name with inner capitals (`LLM`,
 * `GLiClass`, `iPhone`, `MiniMax`, `GPT-4o`) or a capital next to digits (`T5`, `3D`). A word that
 * only starts with a capital (`Generalist`) stays free, so styles can print titles in their own case.
 */
function needsProtection(word: string): boolean {
  return word
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .split(/[-\u2010-\u2015/]/)
    .some((part) => /\p{Lu}/u.test(part.slice(1)) || (/\p{Lu}/u.test(part) && /\p{N}/u.test(part)));
}

function protectWord(word: string): string {
  const escaped = escapeLatex(word);
  if (!needsProtection(word)) return escaped;
  // A brace group opening with a command is a BibTeX "special character" whose letters styles
  // still change case; a second brace pair turns it back into plain protection.
  return escaped.startsWith('\\') ? `{{${escaped}}}` : `{${escaped}}`;
}

// `$...$` by Pandoc's rule (no space inside the dollars, no digit after the closing one, `\$` is
// no delimiter), at most 300 characters: "costs $5 and $10" stays text.
const MATH = /\$(?![\s$])(?:[^$\\]|\\[^]){1,300}?(?<!\s)\$(?!\d)/g;

function balancedBraces(tex: string): boolean {
  let depth = 0;
  // BibTeX counts backslashed braces too.
  for (const char of tex) {
    depth += char === '{' ? 1 : char === '}' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

function protectText(text: string): string {
  return text
    .split(' ')
    .map((word) => (word === '' ? '' : protectWord(word)))
    .join(' ');
}

/**
 * A title whose acronyms, inner capitals and math survive bibliography styles that lower-case
 * titles (`{GLiClass}: Generalist Lightweight Model`, `{MiniMax} Sparse Attention`), while other
 * words stay free for styles to handle. Math with balanced braces is kept as TeX in a brace group
 * (`{$O(n^2)$}`); anything else is escaped, so the entry always stays balanced.
 */
export function protectTitle(title: string): string {
  let out = '';
  let last = 0;
  for (const match of title.matchAll(MATH)) {
    const tex = match[0];
    const backslashes = /\\*$/.exec(title.slice(0, match.index))?.[0].length ?? 0;
    if (backslashes % 2 === 1 || !balancedBraces(tex) || /\\(?:end|begin)\b/.test(tex) || tex.includes('%')) continue;
    out += protectText(title.slice(last, match.index)) + `{${tex}}`;
    last = match.index + tex.length;
  }
  return out + protectText(title.slice(last));
}

/**
 * `keywords` is a verbatim list for biber, Zotero and BibTeX parsers, so tags are written as typed;
 * only braces and backslashes, which would break the entry, are escaped.
 */
export function keywordsValue(tags: readonly string[]): string {
  return tags.map((tag) => tag.replace(/\s+/g, ' ').trim().replace(/[{}\\]/g, (char) => SPECIALS[char] ?? char)).join(', ');
}

/** URLs and DOIs are verbatim fields: no LaTeX escapes, only what would break the braces is encoded. */
export function verbatimValue(text: string): string {
  return text.trim().replace(/[{}\\\s]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
