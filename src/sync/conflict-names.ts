/*
 * What sync tools call the second copy of a file both sides changed. Papershelf never writes a file twice
 * (device files are immutable), but a half-finished copy, a restored backup or two installs sharing one
 * device id can still make a tool keep both, so such names are recognised and read as one more source of
 * changes (changes are idempotent, so reading a copy twice is harmless). The patterns:
 *   Syncthing    `name.sync-conflict-20260102-030405-ABCDEFG.ext`
 *   Dropbox      `name (conflicted copy 2026-01-02).ext`, `name (Laptop's conflicted copy 2026-01-02).ext`,
 *                `name (Case Conflict).ext`, `name (Unicode Encoding Conflict).ext`
 *   Nextcloud    `name (conflicted copy 2026-01-02 030405).ext`; older ownCloud `name_conflict-20260102-030405.ext`
 *   OneDrive     `name-COMPUTERNAME.ext`, `name-COMPUTERNAME-2.ext`
 *   iCloud       `name 2.ext`;  Google Drive `name (1).ext`
 * Because our own names follow a strict pattern, anything between a known stem and its extension is a
 * sync tool's decoration; the table only names the tool in reports.
 */

export type ConflictTool = 'syncthing' | 'dropbox' | 'nextcloud' | 'owncloud' | 'onedrive' | 'icloud' | 'google-drive' | 'unknown';

const DECORATIONS: ReadonlyArray<[ConflictTool, RegExp]> = [
  ['syncthing', /^\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}$/],
  ['nextcloud', /^ \(conflicted copy \d{4}-\d{2}-\d{2} \d{6}\)$/],
  ['dropbox', /^ \((?:[^()]{1,100}'s )?conflicted copy \d{4}-\d{2}-\d{2}(?: \(\d{1,4}\))?\)$/i],
  ['dropbox', /^ \((?:Case|Unicode Encoding) Conflict\)$/],
  ['owncloud', /^_conflict-\d{8}-\d{6}$/],
  ['google-drive', /^ \(\d{1,4}\)$/],
  ['icloud', /^ \d{1,4}$/],
  ['onedrive', /^-[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/],
];

export function conflictTool(decoration: string): ConflictTool {
  for (const [tool, pattern] of DECORATIONS) if (pattern.test(decoration)) return tool;
  return 'unknown';
}

export interface ConflictedName {
  /** The name the tool copied: `stem` + `ext`. */
  original: string;
  tool: ConflictTool;
}

/**
 * When `name` is `stem + decoration + ext` for a stem matched by `stemPattern` (anchored at the start)
 * and a non-empty decoration, the original name and the tool; otherwise null.
 * Syncthing also writes `name.ext.sync-conflict-…` for names whose extension it does not see, so the
 * decoration may follow the extension too.
 */
export function conflictedCopyOf(name: string, stemPattern: RegExp, ext: string): ConflictedName | null {
  const stem = stemPattern.exec(name)?.[0];
  if (!stem) return null;
  const rest = name.slice(stem.length);
  if (rest === ext) return null;
  if (rest.endsWith(ext)) {
    const decoration = rest.slice(0, rest.length - ext.length);
    return { original: stem + ext, tool: conflictTool(decoration) };
  }
  if (rest.startsWith(ext)) {
    return { original: stem + ext, tool: conflictTool(rest.slice(ext.length)) };
  }
  return null;
}
