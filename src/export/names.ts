/**
 * Splits author names as listings give them ("Ihor Stepanov", "Jan van der Berg", "Berg, Jan",
 * "Qwen Team") into the parts citation formats want. Listings rarely mark which part is the family
 * name, so this follows BibTeX's own conventions: the last word is the family name, lower-case words
 * before it are particles, and "Family, Given" is honoured when a comma says so.
 */

export type SplitName =
  | { kind: 'person'; given: string; family: string; particle: string; suffix: string }
  | { kind: 'literal'; literal: string };

const SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv']);

// Words that mark a collective author; such names must not be split into given and family.
const ORGANISATION_WORDS = new Set([
  'team', 'teams', 'lab', 'labs', 'laboratory', 'group', 'consortium', 'collaboration', 'inc', 'inc.',
  'ltd', 'ltd.', 'llc', 'corp', 'corp.', 'corporation', 'university', 'institute', 'foundation',
  'project', 'committee', 'council', 'association', 'society', 'department', 'center', 'centre',
]);

export function isOrganisationName(name: string): boolean {
  const words = name.trim().split(/\s+/);
  return words.length < 2 || words.some((word) => ORGANISATION_WORDS.has(word.toLowerCase()));
}

const startsLowerCase = (word: string): boolean => /^\p{Ll}/u.test(word);

function person(given: string[], family: string[], suffix: string): SplitName {
  // Particles ("van der") lead the family part; BibTeX's "von" rule: lower-case words before the last.
  let cut = 0;
  while (cut < family.length - 1 && startsLowerCase(family[cut] ?? '')) cut++;
  return {
    kind: 'person',
    given: given.join(' '),
    particle: family.slice(0, cut).join(' '),
    family: family.slice(cut).join(' '),
    suffix,
  };
}

export function splitName(raw: string): SplitName {
  const name = raw.replace(/\s+/g, ' ').trim();
  const literal: SplitName = { kind: 'literal', literal: name };
  const parts = name.split(',').map((part) => part.trim());
  let text = name;
  let suffix = '';
  if (parts.length === 3 && parts[0] && parts[2]) {
    // BibTeX's "Family, Jr., Given".
    return person(parts[2].split(' '), parts[0].split(' '), parts[1] ?? '');
  } else if (parts.length === 2 && parts[0] && parts[1]) {
    if (!SUFFIXES.has(parts[1].toLowerCase())) return person(parts[1].split(' '), parts[0].split(' '), '');
    [text, suffix] = [parts[0], parts[1]];
  } else if (parts.length !== 1) {
    return literal;
  }
  const words = text.split(' ').filter(Boolean);
  if (!suffix && words.length > 2 && SUFFIXES.has((words.at(-1) ?? '').toLowerCase())) suffix = words.pop() ?? '';
  if (words.length < 2 || isOrganisationName(words.join(' '))) return literal;
  // Given names run until the first lower-case particle, but at least one word stays given.
  let firstParticle = 1;
  while (firstParticle < words.length - 1 && !startsLowerCase(words[firstParticle] ?? '')) firstParticle++;
  return person(words.slice(0, firstParticle), words.slice(firstParticle), suffix);
}

/** The word a citation key starts with: the family name, or the first word of a collective name. */
export function keyName(raw: string): string {
  const split = splitName(raw);
  if (split.kind === 'person') return split.family;
  return split.literal.split(' ')[0] ?? '';
}
