import { DIFF_DELETE, DIFF_EQUAL, diffMain, patchApply, patchMake, resolveOptions, type Diff } from 'diff-match-patch-es';
import type * as Y from 'yjs';
import { wellFormed } from '../importers/well-formed.ts';

/*
 * A note saved as a whole text (the editor, or the Markdown file changed in another editor) becomes the
 * smallest set of insertions and deletions, so what another device wrote elsewhere in the same note
 * survives the merge; replacing the whole text would delete the other device's paragraphs.
 * diff-match-patch strips the common prefix and suffix first (a typical edit costs linear time) and
 * gives up refining after `DIFF_SECONDS`, returning a coarser but still correct diff, so a hostile or
 * huge file cannot freeze the caller.
 */

const DIFF_SECONDS = 0.5;
const OPTIONS = resolveOptions({ diffTimeout: DIFF_SECONDS });

export interface TextEdit {
  /** Replaces `from.slice(start, end)`; positions are in the original text, so apply from the last edit. */
  start: number;
  end: number;
  insert: string;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** True when `at` falls between the two halves of a surrogate pair in `text`. */
function splitsPair(text: string, at: number): boolean {
  return at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));
}

/**
 * Edits turning `from` into `to`, ascending and non-overlapping. The diff works on UTF-16 units and may
 * cut an emoji in half; Yjs stores text as UTF-8, where half a pair becomes U+FFFD, so every edit is
 * widened to whole characters.
 */
export function textEdits(from: string, to: string): TextEdit[] {
  const target = wellFormed(to);
  if (from === target) return [];
  const raw: TextEdit[] = [];
  let at = 0;
  for (const [op, text] of diffMain(from, target, OPTIONS) as Diff[]) {
    if (op === DIFF_EQUAL) {
      at += text.length;
      continue;
    }
    let last = raw.at(-1);
    if (!last || last.end !== at) raw.push((last = { start: at, end: at, insert: '' }));
    if (op === DIFF_DELETE) {
      last.end += text.length;
      at += text.length;
    } else {
      last.insert += text;
    }
  }
  for (const edit of raw) {
    if (splitsPair(from, edit.start)) edit.insert = from[--edit.start] + edit.insert;
    if (splitsPair(from, edit.end)) edit.insert += from[edit.end++];
  }
  return raw;
}

/**
 * Changes `ytext` so it reads `edited`. `base` is the text the edit started from (the note as last
 * written to its Markdown file): when other devices' changes arrived since, the edit is carried onto
 * the current text as a patch, so their changes are kept rather than undone.
 */
export function replaceNoteText(ytext: Y.Text, edited: string, base?: string): void {
  const current = ytext.toString();
  let target = edited;
  if (base !== undefined && base !== current) {
    const [patched] = patchApply(patchMake(base, edited, undefined, OPTIONS), current, OPTIONS);
    if (typeof patched === 'string') target = patched;
  }
  const edits = textEdits(current, target);
  for (let i = edits.length - 1; i >= 0; i--) {
    const edit = edits[i] as TextEdit;
    if (edit.end > edit.start) ytext.delete(edit.start, edit.end - edit.start);
    if (edit.insert !== '') ytext.insert(edit.start, edit.insert);
  }
}
