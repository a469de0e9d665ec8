import { ImportFormatError } from '../model/errors.ts';
import type { PaperFields, StoredPaper } from '../model/paper.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, backupFileSchema } from './backup-schema.ts';
import { formatPath, issueDetail, parseJsonText } from './json-text.ts';
import { ImportCollector } from './result.ts';
import type { ImportedAnnotation, Importer, ParsedImport } from './types.ts';

const FORMAT = 'json';

function paperFields(paper: StoredPaper): PaperFields {
  const { id: _id, sources: _sources, addedAt: _added, modifiedAt: _modified, ...fields } = paper;
  return fields;
}

/** Checks what kind of file this is before validating it field by field. */
function checkHeader(json: unknown): void {
  const header = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  if (header?.['format'] !== BACKUP_FORMAT) {
    throw new ImportFormatError(FORMAT, null, `not a Papershelf backup (expected an object with "format": "${BACKUP_FORMAT}")`);
  }
  const version = header['version'];
  if (typeof version === 'number' && version > BACKUP_VERSION) {
    throw new ImportFormatError(FORMAT, 'version', `backup version ${version} was written by a newer Papershelf; this one reads version ${BACKUP_VERSION}`);
  }
}

export function parseJsonBackup(text: string): ParsedImport {
  const json = parseJsonText(text, FORMAT);
  checkHeader(json);
  const parsed = backupFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ImportFormatError(FORMAT, formatPath(issue.path) || null, issueDetail(issue));
  }
  const { papers, annotations } = parsed.data;
  const firstIndex = new Map<string, number>();
  papers.forEach((paper, index) => {
    const earlier = firstIndex.get(paper.id);
    if (earlier !== undefined) {
      throw new ImportFormatError(FORMAT, `papers[${index}].id`, `${JSON.stringify(paper.id)} appears twice (also papers[${earlier}])`);
    }
    firstIndex.set(paper.id, index);
  });
  const out = new ImportCollector(FORMAT);
  const kept: StoredPaper[] = [];
  papers.forEach((paper, index) => {
    if (paper.title.trim()) kept.push(paper);
    else out.skip(`papers[${index}] (id ${JSON.stringify(paper.id)})`, 'no title (its annotations are left out too)');
  });
  const keptIds = new Set(kept.map((p) => p.id));
  // Without a prototype, an id such as `__proto__` is a key like any other.
  const keptAnnotations = Object.create(null) as Record<string, ImportedAnnotation>;
  const orphans: string[] = [];
  for (const [id, annotation] of Object.entries(annotations)) {
    if (keptIds.has(id)) keptAnnotations[id] = annotation;
    else if (!firstIndex.has(id)) orphans.push(id);
  }
  if (orphans.length > 0) {
    out.warn('annotations', `${orphans.length} belong to papers not in the backup and were left out: ${orphans.slice(0, 10).join(', ')}${orphans.length > 10 ? ', …' : ''}`);
  }
  for (const paper of kept) out.add(paperFields(paper));
  return { ...out.result(), backup: { papers: kept, annotations: keptAnnotations } };
}

export const jsonBackupImporter: Importer = {
  format: FORMAT,
  detect(text) {
    const head = text.slice(0, 65536).trimStart();
    return head.startsWith('{') && new RegExp(`"format"\\s*:\\s*"${BACKUP_FORMAT}"`).test(head);
  },
  parse: parseJsonBackup,
};
