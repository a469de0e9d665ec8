import { z } from 'zod';
import { ImportFormatError } from '../model/errors.ts';
import { emptyPaperFields, type PaperFields } from '../model/paper.ts';
import { arxivAbsUrl, arxivPdfUrl, parseArxivId } from './arxiv-id.ts';
import { describeIssue, parseJsonText } from './json-text.ts';
import { ImportCollector } from './result.ts';
import { isoDay, normalizeAbstract, normalizeTitle, textOrNull } from './text.ts';
import type { Importer, ParsedImport } from './types.ts';

/*
 * Hugging Face Daily Papers API items. Only the fields Papershelf reads are checked; everything
 * else passes untouched, so a new field on Hugging Face's side never breaks an import. Fields are
 * nullish because the 2024 schema omits most of them and the API writes null for some.
 */
const organizationSchema = z.looseObject({ name: z.string().nullish(), fullname: z.string().nullish() });

const paperSchema = z.looseObject({
  id: z.string(),
  title: z.string().nullish(),
  summary: z.string().nullish(),
  authors: z.array(z.looseObject({ name: z.string().nullish() })).nullish(),
  publishedAt: z.string().nullish(),
  upvotes: z.number().int().nonnegative().nullish(),
  githubRepo: z.string().nullish(),
  projectPage: z.string().nullish(),
  ai_keywords: z.array(z.string()).nullish(),
  organization: organizationSchema.nullish(),
});

const itemSchema = z.looseObject({
  paper: paperSchema,
  title: z.string().nullish(),
  summary: z.string().nullish(),
  numComments: z.number().int().nonnegative().nullish(),
  organization: organizationSchema.nullish(),
});

type HfItem = z.infer<typeof itemSchema>;

function organizationName(org: z.infer<typeof organizationSchema> | null | undefined): string | null {
  return textOrNull(org?.fullname) ?? textOrNull(org?.name);
}

function toPaper(item: HfItem, position: string, out: ImportCollector): PaperFields | null {
  const { paper } = item;
  const title = normalizeTitle(paper.title ?? item.title ?? '');
  if (!title) {
    out.skip(position, 'paper.title missing');
    return null;
  }
  const arxiv = parseArxivId(paper.id);
  if (!arxiv) out.warn(position, `paper.id ${JSON.stringify(paper.id)} is not an arXiv id; kept without one`);
  const published = isoDay(paper.publishedAt);
  if (paper.publishedAt && !published) {
    out.warn(position, `paper.publishedAt ${JSON.stringify(paper.publishedAt)} is not a date; left unknown`);
  }
  const authors = (paper.authors ?? []).map((a) => normalizeTitle(a.name ?? '')).filter(Boolean);
  return {
    ...emptyPaperFields(title),
    arxivId: arxiv?.id ?? null,
    version: arxiv?.version ?? null,
    abstract: normalizeAbstract(paper.summary ?? item.summary ?? ''),
    authors,
    authorCount: authors.length || null,
    organization: organizationName(paper.organization) ?? organizationName(item.organization),
    published,
    upvotes: paper.upvotes ?? null,
    comments: item.numComments ?? null,
    url: arxiv ? arxivAbsUrl(arxiv.id) : null,
    pdfUrl: arxiv ? arxivPdfUrl(arxiv.id) : null,
    githubRepo: textOrNull(paper.githubRepo),
    projectPage: textOrNull(paper.projectPage),
    keywords: (paper.ai_keywords ?? []).map(normalizeTitle).filter(Boolean),
  };
}

/**
 * Papers from an already-parsed Daily Papers response: an array of `{paper: ...}` items (current or
 * 2024 schema) or one such item. Throws ImportFormatError naming the first malformed item.
 */
export function parseHfDailyItems(json: unknown): ParsedImport {
  const isItem = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v) && 'paper' in v;
  const items: unknown[] = Array.isArray(json) ? json : isItem(json) ? [json] : [];
  if (!Array.isArray(json) && !isItem(json)) {
    throw new ImportFormatError('hf-json', null, 'expected a JSON array of {"paper": ...} items (a Daily Papers API response)');
  }
  const out = new ImportCollector('hf-json');
  items.forEach((raw, index) => {
    const position = `item ${index + 1}`;
    const parsed = itemSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ImportFormatError('hf-json', position, issue ? describeIssue(issue) : 'not a Daily Papers item');
    }
    const paper = toPaper(parsed.data, position, out);
    if (paper) out.add(paper);
  });
  return out.result();
}

export const hfJsonImporter: Importer = {
  format: 'hf-json',
  detect(text) {
    // Other JSON arrays (CSL-JSON, say) must not pass for an empty or odd Daily Papers response.
    const head = text.slice(0, 65536).trimStart();
    return /^\[\s*\]\s*$/.test(head) || (/^[[{]/.test(head) && /"paper"\s*:\s*\{/.test(head));
  },
  parse(text) {
    return parseHfDailyItems(parseJsonText(text, 'hf-json'));
  },
};
