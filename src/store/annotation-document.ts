import type { Annotation } from '../model/paper.ts';
import {
  CURRENT_SCHEMA_VERSION,
  migrateAnnotations,
  schemaVersionOf,
  type AnnotationsDocument,
} from './annotation-migrations.ts';
import { salvageAnnotationEntries } from './annotation-salvage.ts';
import { isEmptyAnnotation, readAnnotation } from './annotation-schema.ts';

/*
 * Text <-> annotations, with every way the text can be wrong sorted into one of three outcomes. The
 * store decides what to do on disk (copy before migrating, move a corrupt file aside).
 */

export type Decoded =
  /** A current-version file, valid as it is. */
  | { kind: 'ok'; papers: Map<string, Annotation> }
  /** An older but valid file, migrated in memory. */
  | { kind: 'migrated'; papers: Map<string, Annotation>; fromVersion: number }
  /** Not usable as it is; `papers` is what could be recovered, `problems` says what was wrong. */
  | { kind: 'corrupt'; papers: Map<string, Annotation>; problems: string[] };

/** Detailed per-entry problems beyond this many are summarised as a count. */
const MAX_DETAILS = 20;

function isObject(value: unknown): value is AnnotationsDocument {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readEntries(
  raw: Iterable<[string, unknown]>,
  into: Map<string, Annotation>,
  details: string[],
): number {
  let bad = 0;
  for (const [id, value] of raw) {
    const read = readAnnotation(value);
    if (!read) {
      bad++;
      details.push(`paper ${JSON.stringify(id)}: not an annotation (${JSON.stringify(value)?.slice(0, 60)})`);
      continue;
    }
    if (read.issues.length > 0) {
      bad++;
      details.push(`paper ${JSON.stringify(id)}: ${read.issues.join('; ')}`);
    }
    if (!isEmptyAnnotation(read.annotation)) into.set(id, read.annotation);
  }
  return bad;
}

/** What a corrupt file still holds: the well-formed part of the document, then any entry the text scan finds. */
function recover(text: string, why: string, parsedPapers: AnnotationsDocument | null): Decoded {
  const papers = new Map<string, Annotation>();
  const details: string[] = [];
  if (parsedPapers) readEntries(Object.entries(parsedPapers), papers, details);
  const salvaged = [...salvageAnnotationEntries(text)].filter(([id]) => !papers.has(id));
  readEntries(salvaged, papers, []);
  const problems = [why, ...details.slice(0, MAX_DETAILS)];
  if (details.length > MAX_DETAILS) problems.push(`...and ${details.length - MAX_DETAILS} more entries with problems`);
  return { kind: 'corrupt', papers, problems };
}

/** Throws NewerSchemaError for a file from a newer version; every other defect is reported, not thrown. */
export function decodeAnnotations(text: string, fileName: string): Decoded {
  if (text.trim() === '') return recover(text, `${fileName} is empty`, null);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return recover(text, `${fileName} is not valid JSON (${(error as Error).message})`, null);
  }
  if (!isObject(parsed)) return recover(text, `${fileName} does not hold an object`, null);
  const version = schemaVersionOf(parsed);
  if (version === null) {
    return recover(text, `${fileName} has an invalid schemaVersion ${JSON.stringify(parsed.schemaVersion)}`, null);
  }
  const doc = migrateAnnotations(parsed, version, fileName);
  const extra = Object.keys(doc).filter((key) => key !== 'schemaVersion' && key !== 'papers');
  if (!isObject(doc.papers)) return recover(text, `${fileName} has no "papers" object`, null);
  const papers = new Map<string, Annotation>();
  const details: string[] = [];
  const bad = readEntries(Object.entries(doc.papers), papers, details);
  if (bad > 0 || extra.length > 0) {
    const why =
      bad > 0
        ? `${fileName} has ${bad} invalid ${bad === 1 ? 'entry' : 'entries'}`
        : `${fileName} has unexpected top-level ${extra.map((key) => JSON.stringify(key)).join(', ')}`;
    return recover(text, why, doc.papers);
  }
  return version === CURRENT_SCHEMA_VERSION ? { kind: 'ok', papers } : { kind: 'migrated', papers, fromVersion: version };
}
