/*
 * A note file is `---`, a few `key: value` lines, `---`, then the body exactly as the user wrote it.
 * Values are written as JSON, which is also valid YAML, so Obsidian and other editors read them;
 * hand-written plain YAML scalars and `[a, b]` lists are read back too.
 */

export interface NoteMeta {
  id: string | null;
  title: string | null;
  tags: string[];
  /** In a synced library: the hash of the text the file was written from (an edit elsewhere changes the body, not this). */
  synced: string | null;
  /** In a synced library: the device that wrote the file, the one that takes an edit made to it. */
  device: string | null;
}

const DELIMITER = '---';
const FIELD = /^([A-Za-z][\w-]*)\s*:(.*)$/;

export function formatNote(id: string, meta: { title: string; tags: readonly string[]; synced?: string; device?: string }, body: string): string {
  const lines = [
    DELIMITER,
    `id: ${JSON.stringify(id)}`,
    `title: ${JSON.stringify(meta.title)}`,
    `tags: ${JSON.stringify(meta.tags)}`,
    ...(meta.synced === undefined ? [] : [`synced: ${JSON.stringify(meta.synced)}`]),
    ...(meta.device === undefined ? [] : [`device: ${JSON.stringify(meta.device)}`]),
    DELIMITER,
  ];
  return `${lines.join('\n')}\n${body}`;
}

function parseScalar(raw: string): unknown {
  const text = raw.trim();
  try {
    const parsed: unknown = JSON.parse(text);
    // `id: 2508.07660` unquoted must stay text: as a number it would lose its trailing zero.
    return typeof parsed === 'string' || Array.isArray(parsed) ? parsed : text;
  } catch {
    if (text.startsWith('[') && text.endsWith(']')) {
      return text
        .slice(1, -1)
        .split(',')
        .map((item) => item.trim().replace(/^(['"])(.*)\1$/, '$2'))
        .filter((item) => item !== '');
    }
    return text.replace(/^'(.*)'$/, '$1');
  }
}

/** Splits a note file into its front matter and body. A file without front matter is all body. */
export function parseNote(text: string): { meta: NoteMeta; body: string } {
  const meta: NoteMeta = { id: null, title: null, tags: [], synced: null, device: null };
  const firstBreak = text.indexOf('\n');
  if (firstBreak < 0 || text.slice(0, firstBreak).replace(/\r$/, '') !== DELIMITER) return { meta, body: text };
  const fields = new Map<string, unknown>();
  let at = firstBreak + 1;
  while (at < text.length) {
    const lineEnd = text.indexOf('\n', at);
    const next = lineEnd < 0 ? text.length : lineEnd + 1;
    const line = text.slice(at, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
    if (line === DELIMITER) {
      const id = fields.get('id');
      const title = fields.get('title');
      const tags = fields.get('tags');
      const synced = fields.get('synced');
      meta.synced = typeof synced === 'string' && synced !== '' ? synced : null;
      const device = fields.get('device');
      meta.device = typeof device === 'string' && device !== '' ? device : null;
      meta.id = typeof id === 'string' && id !== '' ? id : null;
      meta.title = typeof title === 'string' ? title : null;
      meta.tags = Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
      return { meta, body: text.slice(next) };
    }
    const field = FIELD.exec(line);
    // Not front matter after all (a body that merely starts with a horizontal rule).
    if (!field && line.trim() !== '') return { meta: { id: null, title: null, tags: [], synced: null, device: null }, body: text };
    if (field) fields.set(field[1] ?? '', parseScalar(field[2] ?? ''));
    at = next;
  }
  return { meta: { id: null, title: null, tags: [], synced: null, device: null }, body: text };
}
