/**
 * Ids and links pasted into the search box — `2606.13106`, `2606.13106v2`, `arXiv:2606.13106`,
 * `cond-mat/0412498`, arxiv.org `/abs/` and `/pdf/` links, huggingface.co/papers links, DOIs and
 * doi.org links — name a paper rather than words to look for. They are taken out of the query
 * before it is parsed (a link would otherwise read as the field "https:").
 */
import { arxivIdFromUrl, parseArxivId } from '../../importers/arxiv-id.ts';

export type PaperReference = { kind: 'arxiv'; id: string } | { kind: 'doi'; doi: string };

const HF_PAPER = /^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\/papers\/([^/?#]+)\/?(?:[?#].*)?$/i;
const DOI = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)?(10\.\d{4,9}\/\S+)$/i;

/** DOIs are case-insensitive; a library's DOI may be stored bare or as a link. */
export function normalizeDoi(text: string): string | null {
  const match = DOI.exec(text.trim());
  return match?.[1] ? match[1].toLowerCase() : null;
}

function referenceOf(chunk: string): PaperReference | null {
  // Pasted from prose: "(arXiv:2606.13106)," or "<https://…>".
  const text = chunk.replace(/^[(<[]+/, '').replace(/[)>\],;.]+$/, '');
  const arxiv = parseArxivId(text) ?? arxivIdFromUrl(text) ?? parseArxivId(HF_PAPER.exec(text)?.[1]);
  if (arxiv) return { kind: 'arxiv', id: arxiv.id };
  const doi = normalizeDoi(text);
  return doi ? { kind: 'doi', doi } : null;
}

/** Splits the references out of a query; `rest` is the query without them. */
export function extractReferences(query: string): { references: PaperReference[]; rest: string } {
  const references: PaperReference[] = [];
  // Even parts are outside quotes; a phrase's words are words, whatever they look like.
  const parts = query.split('"').map((part, i) =>
    i % 2 === 1
      ? part
      : part.replace(/[^\s()]+/g, (chunk) => {
          const reference = /^[+-]/.test(chunk) ? null : referenceOf(chunk);
          if (!reference) return chunk;
          references.push(reference);
          return ' ';
        }),
  );
  return { references, rest: parts.join('"') };
}
