/** Human-readable terminal output, and the exact PAPER shape of `--json` output. */
import type { PaperView } from '../model/paper.ts';

/** The documented PAPER object: the view without its `details` block. */
export function paperJson(paper: PaperView): Omit<PaperView, 'details'> {
  // toPaperView builds keys in the documented order, so dropping `details` keeps that order.
  const { details: _details, ...json } = paper;
  return json;
}

export function authorSummary(paper: Pick<PaperView, 'authors' | 'authorCount' | 'organization'>): string {
  if (paper.authors.length > 0) {
    const first = paper.authors.slice(0, 3).join(', ');
    return paper.authors.length > 3 ? `${first} et al.` : first;
  }
  if (paper.authorCount !== null) return `${paper.authorCount} author${paper.authorCount === 1 ? '' : 's'}`;
  return paper.organization ?? 'unknown authors';
}

export function listLine(paper: PaperView): string {
  const star = paper.starred ? '★' : ' ';
  const date = paper.published ?? '          ';
  const votes = paper.upvotes === null ? '' : ` ▲${paper.upvotes}`;
  const tags = paper.tags.length > 0 ? `  [${paper.tags.join(', ')}]` : '';
  const status = paper.status ? `  (${paper.status})` : '';
  return `${star} ${paper.id.padEnd(12)} ${date}  ${paper.title}${votes}${tags}${status}\n    ${authorSummary(paper)}`;
}

export function detailText(paper: PaperView): string {
  const lines = [
    paper.title,
    '='.repeat(Math.min(paper.title.length, 80)),
    `id:        ${paper.id}${paper.starred ? '   ★ starred' : ''}`,
    `authors:   ${paper.authors.length > 0 ? paper.authors.join(', ') : authorSummary(paper)}`,
  ];
  if (paper.organization) lines.push(`org:       ${paper.organization}`);
  if (paper.published) lines.push(`published: ${paper.published}`);
  if (paper.upvotes !== null) lines.push(`upvotes:   ${paper.upvotes}`);
  if (paper.url) lines.push(`url:       ${paper.url}`);
  if (paper.pdfUrl) lines.push(`pdf:       ${paper.pdfUrl}`);
  if (paper.details.githubRepo) lines.push(`github:    ${paper.details.githubRepo}`);
  if (paper.details.projectPage) lines.push(`project:   ${paper.details.projectPage}`);
  if (paper.details.doi) lines.push(`doi:       ${paper.details.doi}`);
  if (paper.aliases?.length) lines.push(`aliases:   ${paper.aliases.join(', ')}`);
  if (paper.details.categories.length > 0) lines.push(`category:  ${paper.details.categories.join(', ')}`);
  lines.push(`sources:   ${paper.sources.join(', ')}`);
  if (paper.tags.length > 0) lines.push(`tags:      ${paper.tags.join(', ')}`);
  if (paper.status) lines.push(`status:    ${paper.status}`);
  lines.push('', paper.abstract || '(no abstract)');
  if (paper.note) lines.push('', '--- note ---', paper.note);
  return lines.join('\n');
}

/** A note's versions, one line each: number, date and time saved (UTC), first line of text. */
export function historyLines(versions: ReadonlyArray<{ version: number; savedAt: string; text: string }>): string[] {
  const width = String(Math.max(...versions.map((v) => v.version))).length;
  return versions.map((v) => {
    const first = v.text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '(empty)';
    const shown = first.length > 70 ? `${first.slice(0, 69)}…` : first;
    return `${String(v.version).padStart(width)}  ${v.savedAt.slice(0, 16).replace('T', ' ')}  ${shown}`;
  });
}
