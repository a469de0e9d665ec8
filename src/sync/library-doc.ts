import * as Y from 'yjs';
import type { Annotation, ReadingStatus } from '../model/paper.ts';
import { isReadingStatus, normalizeTags, tagKey } from '../store/annotation-schema.ts';
import { compareHlcText, formatHlc, isHlcText, parseHlc, type HybridClock, type Hlc } from './hlc.ts';
import { replaceNoteText } from './note-edits.ts';

/*
 * The merged library state in one Y.Doc. Only top-level types are used: two devices creating the same
 * nested map concurrently would make Yjs keep one of them and drop the other's contents, while a
 * top-level type with the same name is the same type on every device.
 *
 *   star / status   `<paper>\0<device>` -> {v, h}: each device writes only its own key, so Yjs never
 *                   picks between devices; the reader takes the value with the largest stamp (`h`).
 *   tags            `<paper>\0<tag key>` -> {t, h}: present = tagged. Yjs deletes only the entries a
 *                   device has seen, so a removal loses to a concurrent add (an add-wins set).
 *   note:<paper>    Y.Text, merged character by character; `notes` lists the papers that have one.
 *   noteTitles      `<paper>` -> title for the note's Markdown file, so every device writes the same file.
 *   devices         `<device>` -> {h}: the device's latest change.  forgotten: `<device>` -> {h, by}.
 */

export type LocalChange =
  | { type: 'star'; paperId: string; starred: boolean }
  | { type: 'status'; paperId: string; status: ReadingStatus | null }
  | { type: 'add-tag'; paperId: string; tag: string }
  | { type: 'remove-tag'; paperId: string; tag: string }
  /** The note's whole new text, e.g. from the editor or a Markdown file: stored as the minimal edits. */
  | { type: 'note'; paperId: string; text: string; base?: string; title?: string }
  | { type: 'append-note'; paperId: string; text: string };

export interface MergedState {
  annotations: Map<string, Annotation>;
  notes: Map<string, string>;
  /** Titles written into notes' Markdown files, by paper. */
  noteTitles: Map<string, string>;
  /** The device that changed each note last (as far as this state knows). */
  noteAuthors: Map<string, string>;
}

export interface DeviceSeen {
  deviceId: string;
  lastChange: string;
  lastChangeAt: string;
}

const SEP = '\u0000';
/** Marks transactions made by `applyLocal`, so the update they produce can be written to this device's log. */
export const LOCAL_ORIGIN = Symbol('papershelf-local');

interface Stamped<T> {
  v: T;
  h: string;
}

function validPaperId(paperId: string): void {
  if (paperId === '' || paperId.includes(SEP)) throw new Error(`not a paper id: ${JSON.stringify(paperId)}`);
}

function noteText(doc: Y.Doc, paperId: string): Y.Text {
  return doc.getText(`note:${paperId}`);
}

function isStamped(value: unknown): value is Stamped<unknown> {
  return typeof value === 'object' && value !== null && isHlcText((value as { h?: unknown }).h);
}

/** Applies this device's changes as one transaction, stamped by `clock`. */
export function applyLocal(doc: Y.Doc, clock: HybridClock, changes: readonly LocalChange[]): Hlc {
  const stamp = clock.tick();
  const h = formatHlc(stamp);
  const me = clock.device;
  doc.transact(() => {
    for (const change of changes) {
      validPaperId(change.paperId);
      switch (change.type) {
        case 'star':
          doc.getMap('star').set(`${change.paperId}${SEP}${me}`, { v: change.starred, h });
          break;
        case 'status':
          doc.getMap('status').set(`${change.paperId}${SEP}${me}`, { v: change.status, h });
          break;
        case 'add-tag': {
          const [tag] = normalizeTags([change.tag]);
          if (tag === undefined) throw new Error('a tag cannot be empty');
          const key = `${change.paperId}${SEP}${tagKey(tag)}`;
          // Re-adding a present tag would replace its entry and count as a removal of the old one.
          if (!doc.getMap('tags').has(key)) doc.getMap('tags').set(key, { t: tag, h });
          break;
        }
        case 'remove-tag':
          doc.getMap('tags').delete(`${change.paperId}${SEP}${tagKey(change.tag)}`);
          break;
        case 'note':
          replaceNoteText(noteText(doc, change.paperId), change.text, change.base);
          if (change.title !== undefined && doc.getMap('noteTitles').get(change.paperId) !== change.title) doc.getMap('noteTitles').set(change.paperId, change.title);
          doc.getMap('notes').set(change.paperId, h);
          break;
        case 'append-note': {
          const text = noteText(doc, change.paperId);
          const joiner = text.length === 0 || text.toString().endsWith('\n\n') ? '' : text.toString().endsWith('\n') ? '\n' : '\n\n';
          text.insert(text.length, joiner + change.text);
          doc.getMap('notes').set(change.paperId, h);
          break;
        }
      }
    }
    doc.getMap('devices').set(me, { h });
  }, LOCAL_ORIGIN);
  return stamp;
}

function splitKey(key: string): [string, string] | null {
  const at = key.lastIndexOf(SEP);
  return at <= 0 ? null : [key.slice(0, at), key.slice(at + 1)];
}

/** Per paper, the value with the largest stamp among every device's entry. */
function lastWriterWins<T>(map: Y.Map<unknown>, valid: (value: unknown) => value is T): Map<string, Stamped<T>> {
  const winners = new Map<string, Stamped<T>>();
  for (const [key, entry] of map.entries()) {
    const parts = splitKey(key);
    if (!parts || !isStamped(entry) || !valid(entry.v)) continue;
    const current = winners.get(parts[0]);
    if (!current || entry.h > current.h) winners.set(parts[0], { v: entry.v as T, h: entry.h });
  }
  return winners;
}

const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isStatus = (value: unknown): value is ReadingStatus | null => value === null || isReadingStatus(value);

function wallIso(h: string): string {
  const stamp = parseHlc(h);
  return new Date(stamp ? stamp.wall : 0).toISOString();
}

export function mergedState(doc: Y.Doc): MergedState {
  const annotations = new Map<string, Annotation>();
  const latest = new Map<string, string>();
  const entry = (paperId: string, h: string): Annotation => {
    if (!latest.has(paperId) || compareHlcText(h, latest.get(paperId) ?? '') > 0) latest.set(paperId, h);
    let annotation = annotations.get(paperId);
    if (!annotation) annotations.set(paperId, (annotation = { starred: false, tags: [], status: null, updatedAt: '' }));
    return annotation;
  };
  for (const [paperId, won] of lastWriterWins(doc.getMap('star'), isBoolean)) entry(paperId, won.h).starred = won.v;
  for (const [paperId, won] of lastWriterWins(doc.getMap('status'), isStatus)) entry(paperId, won.h).status = won.v;
  const tagged: Array<{ paperId: string; tag: string; h: string }> = [];
  for (const [key, value] of doc.getMap('tags').entries()) {
    const at = key.indexOf(SEP);
    const tag = (value as { t?: unknown } | null)?.t;
    if (at <= 0 || !isStamped(value) || typeof tag !== 'string') continue;
    tagged.push({ paperId: key.slice(0, at), tag, h: value.h });
  }
  tagged.sort((a, b) => compareHlcText(a.h, b.h) || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  for (const { paperId, tag, h } of tagged) entry(paperId, h).tags.push(tag);
  for (const [paperId, annotation] of annotations) {
    annotation.tags = normalizeTags(annotation.tags);
    annotation.updatedAt = wallIso(latest.get(paperId) ?? '');
    if (!annotation.starred && annotation.status === null && annotation.tags.length === 0) annotations.delete(paperId);
  }
  const notes = new Map<string, string>();
  for (const paperId of doc.getMap('notes').keys()) {
    const text = noteText(doc, paperId).toString();
    if (text !== '') notes.set(paperId, text);
  }
  const noteTitles = new Map<string, string>();
  for (const [paperId, title] of doc.getMap('noteTitles').entries()) if (typeof title === 'string') noteTitles.set(paperId, title);
  const noteAuthors = new Map<string, string>();
  for (const [paperId, h] of doc.getMap('notes').entries()) {
    const device = parseHlc(h)?.device;
    if (device !== undefined) noteAuthors.set(paperId, device);
  }
  return { annotations, notes, noteTitles, noteAuthors };
}

/** The largest stamp any device has written: a clock that observes it orders after every change seen. */
export function latestStamp(doc: Y.Doc): Hlc | null {
  let best: string | null = null;
  for (const value of doc.getMap('devices').values()) {
    if (isStamped(value) && (best === null || compareHlcText(value.h, best) > 0)) best = value.h;
  }
  return best === null ? null : parseHlc(best);
}

/** Devices that made changes, newest change first; forgotten ones only if they changed something since. */
export function devicesSeen(doc: Y.Doc): DeviceSeen[] {
  const forgotten = doc.getMap('forgotten');
  const seen: DeviceSeen[] = [];
  for (const [deviceId, value] of doc.getMap('devices').entries()) {
    if (!isStamped(value)) continue;
    const gone = forgotten.get(deviceId);
    if (isStamped(gone) && compareHlcText(gone.h, value.h) >= 0) continue;
    seen.push({ deviceId, lastChange: value.h, lastChangeAt: wallIso(value.h) });
  }
  return seen.sort((a, b) => compareHlcText(b.lastChange, a.lastChange));
}

/** Records that `deviceId` is retired; its changes stay part of the merged state. */
export function markForgotten(doc: Y.Doc, clock: HybridClock, deviceId: string): Hlc {
  const stamp = clock.tick();
  const seen = doc.getMap('devices').get(deviceId);
  const h = isStamped(seen) ? seen.h : formatHlc(stamp);
  doc.transact(() => {
    doc.getMap('forgotten').set(deviceId, { h, by: clock.device });
    doc.getMap('devices').set(clock.device, { h: formatHlc(stamp) });
  }, LOCAL_ORIGIN);
  return stamp;
}
