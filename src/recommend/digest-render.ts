/**
 * A digest as Markdown or as one self-contained HTML page (inline style, no script, no remote
 * resource, so it reads offline in any browser). Titles, authors and abstracts come from listings
 * and are untrusted: HTML escapes every character that matters, Markdown escapes its syntax, and
 * only http(s) links become links.
 */
import type { Recommendation } from './recommend-service.ts';
import type { DigestPlan } from './digest-plan.ts';

export type DigestFormat = 'markdown' | 'html';

const ABSTRACT_SENTENCES = 2;
const ABSTRACT_CHARS = 400;
const SHOWN_AUTHORS = 5;

/** The abstract's first sentences, cut at a word near ABSTRACT_CHARS. */
export function firstSentences(abstract: string, sentences = ABSTRACT_SENTENCES): string {
  const text = abstract.replace(/\s+/g, ' ').trim();
  // A sentence ends at . ! or ? followed by a space (so "2.5" and "e.g.x" do not end one).
  const parts = text.match(/.*?[.!?]+(?=\s|$)|.+$/g) ?? [];
  let lead = parts.slice(0, sentences).join('').trim();
  if (lead.length > ABSTRACT_CHARS) lead = `${lead.slice(0, ABSTRACT_CHARS).replace(/\s+\S*$/, '')}…`;
  return lead;
}

export function authorsLine(paper: Recommendation): string {
  if (paper.authors.length === 0) return paper.authorCount ? `${paper.authorCount} authors` : '';
  const shown = paper.authors.slice(0, SHOWN_AUTHORS).join(', ');
  return paper.authors.length > SHOWN_AUTHORS ? `${shown} et al.` : shown;
}

const VERBS: Record<Recommendation['because'][number]['reason'], string> = {
  starred: 'starred',
  tagged: 'tagged',
  reading: 'are reading',
  read: 'read',
  note: 'wrote a note on',
};

/** "Because you starred “X” and tagged “Y” — sparse attention, kv cache" (plain text). */
export function reasonLine(paper: Recommendation): string {
  const shown = paper.because.slice(0, 2);
  // "starred “X” and “Y”" rather than "starred “X” and starred “Y”".
  const because = shown.map((entry, index) => (index > 0 && shown[index - 1]?.reason === entry.reason ? `“${entry.title}”` : `${VERBS[entry.reason]} “${entry.title}”`));
  const words = paper.words.slice(0, 4).join(', ');
  const head = because.length > 0 ? `Because you ${because.join(' and ')}` : paper.upvotes !== null ? `${paper.upvotes} upvotes` : 'Popular';
  return words ? `${head} — ${words}` : head;
}

function safeLink(url: string | null): string | null {
  return url !== null && /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
}

function groupTitle(tag: string | null, plan: DigestPlan): string {
  if (tag !== null) return `More like ${tag}`;
  return plan.model.coldStart ? 'Popular papers' : 'For you';
}

function header(plan: DigestPlan): { title: string; intro: string } {
  const day = plan.generatedAt.slice(0, 10);
  const count = plan.groups.reduce((sum, group) => sum + group.papers.length, 0);
  const scope = plan.since ? `published since ${plan.since}` : 'in your library';
  const intro = plan.model.coldStart
    ? `Papershelf learns what you like from your stars, tags, reading status and notes. Star or tag a few papers (at least 3) to get recommendations; until then these are the most upvoted papers ${scope}.`
    : `${count} ${count === 1 ? 'paper' : 'papers'} ${scope}, ranked by a model trained on ${plan.model.positives} of your papers.`;
  return { title: `Papershelf digest — ${day}`, intro };
}

/** Characters with a meaning anywhere in a line; `-`, `+`, `#`, `>` and "1." only at its start. */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>!|~&]/g;
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(MARKDOWN_SPECIAL, (char) => `\\${char}`)
    .replace(/^([-+#=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

export function renderMarkdown(plan: DigestPlan): string {
  const { title, intro } = header(plan);
  const lines = [`# ${escapeMarkdown(title)}`, '', escapeMarkdown(intro), ''];
  for (const group of plan.groups) {
    lines.push(`## ${escapeMarkdown(groupTitle(group.tag, plan))}`, '');
    for (const paper of group.papers) {
      const link = safeLink(paper.url);
      const name = escapeMarkdown(paper.title);
      lines.push(`### ${link ? `[${name}](<${link.replace(/[<>]/g, encodeURIComponent)}>)` : name}`, '');
      const authors = authorsLine(paper);
      if (authors) lines.push(`*${escapeMarkdown(authors)}*${paper.published ? ` · ${paper.published}` : ''}`, '');
      lines.push(`> ${escapeMarkdown(reasonLine(paper))}`, '');
      const lead = firstSentences(paper.abstract);
      if (lead) lines.push(escapeMarkdown(lead), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}h3{font-size:1.05rem;margin:1.2rem 0 .2rem}
a{color:#0b57d0}.meta{color:#555;font-size:.9rem;margin:0}.why{color:#6b4e00;font-size:.9rem;margin:.2rem 0}.lead{margin:.3rem 0}
@media (prefers-color-scheme:dark){body{background:#1b1b1d;color:#e6e6e6}a{color:#8ab4f8}.meta{color:#aaa}.why{color:#e0c070}h2{border-color:#444}}`;

export function renderHtml(plan: DigestPlan): string {
  const { title, intro } = header(plan);
  const body: string[] = [`<h1>${escapeHtml(title)}</h1>`, `<p>${escapeHtml(intro)}</p>`];
  for (const group of plan.groups) {
    body.push(`<section><h2>${escapeHtml(groupTitle(group.tag, plan))}</h2>`);
    for (const paper of group.papers) {
      const link = safeLink(paper.url);
      const name = escapeHtml(paper.title);
      body.push(`<article><h3>${link ? `<a href="${escapeHtml(link)}">${name}</a>` : name}</h3>`);
      const meta = [authorsLine(paper), paper.published ?? ''].filter((part) => part !== '').join(' · ');
      if (meta) body.push(`<p class="meta">${escapeHtml(meta)}</p>`);
      body.push(`<p class="why">${escapeHtml(reasonLine(paper))}</p>`);
      const lead = firstSentences(paper.abstract);
      if (lead) body.push(`<p class="lead">${escapeHtml(lead)}</p>`);
      body.push('</article>');
    }
    body.push('</section>');
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

export function renderDigest(plan: DigestPlan, format: DigestFormat): string {
  return format === 'html' ? renderHtml(plan) : renderMarkdown(plan);
}
