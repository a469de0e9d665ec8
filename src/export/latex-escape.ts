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
 * A title whose capitals survive bibliography styles that lower-case titles: every word holding a
 * capital letter is braced (`{GLiClass}: {Generalist} {Lightweight} {Model} for ...`), so the title
 * prints exactly as the authors wrote it while lower-case words stay free for styles to handle.
 */
export function protectTitle(title: string): string {
  return title
    .split(' ')
    .map((word) => {
      const escaped = escapeLatex(word);
      if (!/\p{Lu}/u.test(word)) return escaped;
      // A brace group opening with a command is a BibTeX "special character" whose letters styles
      // still change case; a second brace pair turns it back into plain protection.
      return escaped.startsWith('\\') ? `{{${escaped}}}` : `{${escaped}}`;
    })
    .join(' ');
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
