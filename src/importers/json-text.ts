import type { z } from 'zod';
import { ImportFormatError } from '../model/errors.ts';
import { jsonErrorOffset, lineColumn } from './json-position.ts';

/** JSON.parse with an ImportFormatError that says where the text breaks, and whether it was cut off. */
export function parseJsonText(text: string, format: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const at = offset < 0 ? text.length : offset;
    const reason = error instanceof Error ? error.message.replace(/,? ".*$/s, '').replace(/ in JSON at position \d+.*$/s, '') : '';
    const detail =
      at >= text.trimEnd().length
        ? 'the JSON ends too early (the file looks truncated)'
        : `invalid JSON near ${JSON.stringify(text.slice(at, at + 20))}${reason ? ` (${reason})` : ''}`;
    throw new ImportFormatError(format, lineColumn(text, at), detail);
  }
}

/** `paper.authors[2].name`, `annotations["2508.07662"].status` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(key))) out += out ? `.${String(key)}` : String(key);
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** What is wrong, without where: `missing`, `expected number, received string`. */
export function issueDetail(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) return 'missing';
  return issue.message.replace(/^Invalid input: /, '');
}

/** One readable line for a zod issue: `paper.title missing`, `paper.upvotes: expected number, received string`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = formatPath(issue.path);
  const detail = issueDetail(issue);
  if (!path) return detail;
  return detail === 'missing' ? `${path} missing` : `${path}: ${detail}`;
}
