import { describe, expect, it } from 'vitest';
import { gapsText, paperGaps, paperLink } from '../../../src/library/enrich/paper-gaps.ts';
import { externalUrl } from '../../../src/api/external-url.ts';

const listed = { arxivId: null, authors: [], authorCount: 9, url: null, pdfUrl: null, title: 'GeoRef: Referring Expressions & "Geometry" #1' };

describe('paperGaps', () => {
  it('names what a listing-only paper lacks, in words for the detail pane', () => {
    expect(paperGaps(listed)).toEqual(['arxiv-id', 'author-names', 'abstract-link', 'pdf-link']);
    expect(gapsText(paperGaps(listed))).toBe('No arXiv id, author names, abstract link or PDF link yet');
    expect(gapsText(['pdf-link'])).toBe('No PDF link yet');
    const whole = { ...listed, arxivId: '2509.21050', authors: ['A B'], url: 'https://arxiv.org/abs/2509.21050', pdfUrl: 'https://arxiv.org/pdf/2509.21050' };
    expect(paperGaps(whole)).toEqual([]);
    expect(gapsText([])).toBeNull();
  });
});

describe('paperLink', () => {
  it('opens the paper page when known, else a Hugging Face search for the title that the link rule accepts', () => {
    expect(paperLink({ ...listed, url: 'https://arxiv.org/abs/2509.21050' })).toBe('https://arxiv.org/abs/2509.21050');
    expect(paperLink({ ...listed, pdfUrl: 'https://x.org/a.pdf' })).toBe('https://x.org/a.pdf');
    const search = paperLink(listed);
    expect(search).toBe('https://huggingface.co/papers?q=GeoRef%3A+Referring+Expressions+%26+%22Geometry%22+%231');
    expect(new URL(search).searchParams.get('q')).toBe(listed.title);
    expect(externalUrl(search)).toBe(search);
  });
});
