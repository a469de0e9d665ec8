import type { Annotation } from '../model/paper.ts';
import { CURRENT_SCHEMA_VERSION } from './annotation-migrations.ts';
import { isEmptyAnnotation, readStoredAnnotation, sameContent } from './annotation-schema.ts';

/*
 * annotations.json is written one paper per line:
 *   {\n\t"schemaVersion": 1,\n\t"papers": {\n\t\t"<id>": {...},\n\t\t"<id>": {...}\n\t}\n}\n
 * It is plain JSON (electron-store reads it), and a layout this codec reads back line by line: a
 * line it wrote or read before is recognised by its text. So a star re-encodes one line, not
 * thousands, and re-reading a file another process changed parses only the lines that changed.
 * Whatever this codec declines goes through the full decoder (annotation-document.ts).
 */

const HEAD = `{\n\t"schemaVersion": ${CURRENT_SCHEMA_VERSION},\n\t"papers": {`;
const TAIL = '\n\t}\n}\n';
const EMPTY = `${HEAD}}\n}\n`;
const HEAD_BYTES = Buffer.from(HEAD);
const FIRST_BYTES = Buffer.from('\n');
const SEPARATOR_BYTES = Buffer.from(',\n');
const TAIL_BYTES = Buffer.from(TAIL);
const EMPTY_TAIL_BYTES = Buffer.from('}\n}\n');

interface Line {
  id: string;
  annotation: Annotation;
  text: string;
  /** Encoded on first write: most lines read are never written by this process. */
  bytes?: Buffer;
}

function lineText(id: string, a: Annotation): string {
  const fields = { starred: a.starred, tags: a.tags, status: a.status, updatedAt: a.updatedAt };
  return `\t\t${JSON.stringify(id)}: ${JSON.stringify(fields)}`;
}

/** `\t\t"<id>": <value>` as the JSON text `["<id>",<value>]`, or null when the line is not of that form. */
function asPair(line: string): string | null {
  if (!line.startsWith('\t\t"')) return null;
  let end = 3;
  for (; end < line.length; end++) {
    const c = line.charCodeAt(end);
    if (c === 0x5c) end++;
    else if (c === 0x22) break;
  }
  if (end >= line.length || !line.startsWith(': ', end + 1)) return null;
  return `[${line.slice(2, end + 1)},${line.slice(end + 3)}]`;
}

export class AnnotationCodec {
  /** The current line of each paper. */
  private byId = new Map<string, Line>();
  /** Every line seen recently, by its exact text. */
  private byText = new Map<string, Line>();

  encode(papers: ReadonlyMap<string, Annotation>): Buffer {
    const chunks: Buffer[] = [HEAD_BYTES];
    for (const [id, annotation] of papers) {
      const line = this.lineFor(id, annotation);
      line.bytes ??= Buffer.from(line.text);
      chunks.push(chunks.length === 1 ? FIRST_BYTES : SEPARATOR_BYTES, line.bytes);
    }
    chunks.push(papers.size === 0 ? EMPTY_TAIL_BYTES : TAIL_BYTES);
    this.prune(papers);
    return Buffer.concat(chunks);
  }

  /**
   * The papers of a file in this codec's layout, or null for anything else (another layout, damage,
   * an old version, entries not in normal form): the full decoder then reads it and reports problems.
   */
  decode(text: string): Map<string, Annotation> | null {
    if (text === EMPTY) return new Map();
    if (!text.startsWith(`${HEAD}\n`) || !text.endsWith(TAIL)) return null;
    // JSON.stringify never leaves a raw newline inside a string, so `,\n` only ever ends a line.
    const parts = text.slice(HEAD.length + 1, text.length - TAIL.length).split(',\n');
    const lines = parts.map((part) => this.byText.get(part));
    if (!this.parseMissing(parts, lines)) return null;
    const papers = new Map<string, Annotation>();
    for (const line of lines) {
      if (!line) return null;
      papers.set(line.id, line.annotation);
      this.byId.set(line.id, line);
    }
    this.prune(papers);
    return papers;
  }

  /**
   * Parses the lines not seen before in one JSON.parse, each as an `[id, value]` pair: as objects
   * keyed by their id, every line would get its own hidden class, several times slower.
   */
  private parseMissing(parts: string[], lines: (Line | undefined)[]): boolean {
    const missing: number[] = [];
    const pairs: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      if (lines[i]) continue;
      const pair = asPair(parts[i] ?? '');
      if (pair === null) return false;
      missing.push(i);
      pairs.push(pair);
    }
    if (missing.length === 0) return true;
    let parsed: unknown;
    try {
      parsed = JSON.parse(`[${pairs.join(',')}]`);
    } catch {
      return false;
    }
    if (!Array.isArray(parsed)) return false;
    for (let k = 0; k < missing.length; k++) {
      const pair: unknown = parsed[k];
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') return false;
      const annotation = readStoredAnnotation(pair[1]);
      if (!annotation || isEmptyAnnotation(annotation)) return false;
      const index = missing[k] ?? 0;
      lines[index] = this.remember(pair[0], annotation, parts[index] ?? '');
    }
    return true;
  }

  private remember(id: string, annotation: Annotation, text: string): Line {
    const line: Line = { id, annotation, text };
    this.byId.set(id, line);
    this.byText.set(text, line);
    return line;
  }

  private lineFor(id: string, annotation: Annotation): Line {
    const cached = this.byId.get(id);
    if (
      cached !== undefined &&
      (cached.annotation === annotation ||
        (cached.annotation.updatedAt === annotation.updatedAt && sameContent(cached.annotation, annotation)))
    ) {
      return cached;
    }
    return this.remember(id, annotation, lineText(id, annotation));
  }

  /** Forgets lines of removed or changed papers once they outnumber the live ones. */
  private prune(papers: ReadonlyMap<string, Annotation>): void {
    if (this.byText.size <= 2 * papers.size + 100) return;
    for (const [id, line] of this.byId) if (papers.get(id) !== line.annotation) this.byId.delete(id);
    this.byText = new Map([...this.byId.values()].map((line) => [line.text, line]));
  }
}
