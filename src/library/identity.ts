/**
 * A paper's library key: its arXiv id without version when known, otherwise `t:` plus a slug of its
 * normalised title. Two listings of the same paper therefore meet under one key.
 */
import type { PaperFields } from '../model/paper.ts';

const NEW_STYLE_ID = /^\d{4}\.\d{4,5}$/;
const OLD_STYLE_ID = /^[a-z-]+(?:\.[A-Z]{2})?\/\d{7}$/;
const TITLE_KEY_PREFIX = 't:';

/** Lower case, accents stripped, punctuation folded to single spaces: "Gödel's  Proof!" -> "godel s proof". */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function titleKey(title: string): string {
  // Long titles are cut so keys stay short enough for file names; 120 chars keeps them distinct in practice.
  return TITLE_KEY_PREFIX + normalizeTitle(title).replace(/ /g, '-').slice(0, 120);
}

export function isTitleKey(id: string): boolean {
  return id.startsWith(TITLE_KEY_PREFIX);
}

export function paperKey(fields: Pick<PaperFields, 'arxivId' | 'title'>): string {
  return fields.arxivId ?? titleKey(fields.title);
}

/**
 * Accepts the ways a user may name an arXiv paper on the command line — `2508.07662v2`,
 * `arXiv:2508.07662`, `https://arxiv.org/abs/2508.07662` — and returns the bare id, or null.
 */
export function parseArxivReference(input: string): string | null {
  let text = input.trim();
  const url = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\/(.+?)(?:\.pdf)?\/?$/i.exec(text);
  if (url?.[1]) text = url[1];
  text = text.replace(/^arxiv:/i, '').replace(/v\d+$/, '');
  return NEW_STYLE_ID.test(text) || OLD_STYLE_ID.test(text) ? text : null;
}
