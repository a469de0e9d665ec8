import { NewerFormatError } from '../model/errors.ts';

/*
 * annotations.json's layout changes only through these pure functions, one per version step, so every
 * step is tested on its own. (electron-store's `migrations` option is documented as unreliable.)
 */

export const CURRENT_SCHEMA_VERSION = 1;

export type AnnotationsDocument = Record<string, unknown>;
export type Migration = (doc: AnnotationsDocument) => AnnotationsDocument;

/** electron-store keeps its own bookkeeping under this key; it is not a paper. */
const CONF_INTERNAL_KEY = '__internal__';

/**
 * Version 0: a plain electron-store map of paper id -> annotation, the layout `store.set(id, value)`
 * produces, including the empty `{}` electron-store writes when it creates the file.
 */
function fromVersion0(doc: AnnotationsDocument): AnnotationsDocument {
  // Without a prototype, an id such as `__proto__` is a key like any other.
  const papers = Object.create(null) as Record<string, unknown>;
  for (const [id, value] of Object.entries(doc)) {
    if (id === CONF_INTERNAL_KEY) continue;
    papers[id] = value;
  }
  return { schemaVersion: 1, papers };
}

/** `MIGRATIONS[n]` turns a version-n document into a version-(n+1) one. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  0: fromVersion0,
};

/** The file was written by a newer Papershelf: it is refused, never downgraded or moved. */
export class NewerSchemaError extends NewerFormatError {
  constructor(fileName: string, found: number) {
    super(fileName, found);
    this.name = 'NewerSchemaError';
  }
}

/** The document's version; a missing `schemaVersion` means version 0. Null when it is not a version. */
export function schemaVersionOf(doc: AnnotationsDocument): number | null {
  if (!('schemaVersion' in doc)) return 0;
  const version = doc.schemaVersion;
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : null;
}

/**
 * Brings a document of a known older version up to the current one. Throws NewerSchemaError for a
 * version from the future; the caller has checked the version is a number.
 */
export function migrateAnnotations(doc: AnnotationsDocument, version: number, fileName: string): AnnotationsDocument {
  if (version > CURRENT_SCHEMA_VERSION) throw new NewerSchemaError(fileName, version);
  let current = doc;
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`No migration from annotations schema version ${v}`);
    current = step(current);
  }
  return current;
}
