import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import Markdown from 'react-markdown';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, exportMarkdown } from '../../src/export/markdown.ts';
import type { ExportItem } from '../../src/export/types.ts';
import { annotation, GLICLASS_NOTE, gliclassItem, godelItem, importedBibtexItem, stored, titleOnlyItem } from './export-items.ts';

/** The document split into its `## ` sections, so each paper's text can be checked on its own. */
function sections(markdown: string): string[] {
  return markdown.split(/^(?=## )/m).slice(1);
}

describe('exportMarkdown', () => {
  it('lists each paper with its link, authors, date, status, tags, star and note', () => {
    const md = exportMarkdown([gliclassItem()], { title: 'My papers', generatedAt: '2026-03-01T12:00:00.000Z' });
    expect(md.startsWith('# My papers\n\n_1 paper · exported 2026-03-01T12:00:00.000Z_\n\n')).toBe(true);
    expect(sections(md)[0]).toBe(
      [
        '## ★ GLiClass: Generalist Lightweight Model for Sequence Classification Tasks',
        '',
        '<https://arxiv.org/abs/2508.07662>',
        '',
        '- **Authors:** Ihor Stepanov, Mykhailo Shtopko, Dmytro Vodianytskyi et al.',
        '- **Date:** 2025-08-11',
        '- **Status:** to-read',
        '- **Tags:** NLP, zero-shot',
        '',
        '> # Why it matters',
        '>',
        '> Fast *zero-shot* classifier.',
        '>',
        '> ## Follow-up',
        '> - compare with GLiNER',
        '',
      ].join('\n'),
    );
  });

  it("keeps the note's headings inside its quote, so every line of it stays quoted", () => {
    const md = exportMarkdown([gliclassItem(), titleOnlyItem()]);
    expect(sections(md)).toHaveLength(2);
    const unquoted = md.split('\n').filter((line) => /^#+ /.test(line));
    expect(unquoted).toEqual([
      '# Reading list',
      '## ★ GLiClass: Generalist Lightweight Model for Sequence Classification Tasks',
      '## A Title-Only Paper',
    ]);
    expect(GLICLASS_NOTE.split('\n').filter(Boolean).every((line) => md.includes(`> ${line}`))).toBe(true);
  });

  it('renders, with the renderer the app uses, one h2 per paper and the note inside a quote', () => {
    const html = renderToStaticMarkup(createElement(Markdown, null, exportMarkdown([gliclassItem(), godelItem()])));
    const outsideQuotes = html.replace(/<blockquote>[\s\S]*?<\/blockquote>/g, '');
    expect(outsideQuotes.match(/<h\d>/g)).toEqual(['<h1>', '<h2>', '<h2>']);
    expect(html).toContain('<blockquote>\n<h1>Why it matters</h1>');
    expect(html).toContain('<h2>Gödel Numbers &amp; the Limits of Proof: 100% {Formal} $5 x_1 ~ ^ # \\cite</h2>');
    expect(html).toContain('<a href="https://arxiv.org/abs/2508.07662">');
    expect(html).toContain('<a href="https://doi.org/10.1007/BF01700692">');
  });

  it('keeps the given order and marks only starred papers', () => {
    const items = [importedBibtexItem(), godelItem(), gliclassItem()];
    const titles = sections(exportMarkdown(items)).map((section) => section.split('\n')[0]);
    expect(titles).toEqual([
      '## Attention Is All You Need',
      '## Gödel Numbers \\& the Limits of Proof: 100% {Formal} $5 x\\_1 \\~ ^ \\# \\\\cite',
      '## ★ GLiClass: Generalist Lightweight Model for Sequence Classification Tasks',
    ]);
  });

  it('writes a title-only paper without empty fields', () => {
    const [section] = sections(exportMarkdown([titleOnlyItem()]));
    expect(section).toBe('## A Title-Only Paper\n');
  });

  it('says how many authors a listing counted when it named none, or names the organisation', () => {
    const counted = stored('t:c', { title: 'Counted', authorCount: 9 });
    const org = stored('t:o', { title: 'Org', organization: 'Skywork' });
    const partial = importedBibtexItem();
    const md = exportMarkdown([
      { paper: counted, annotation: null, note: null },
      { paper: org, annotation: null, note: null },
      partial,
    ]);
    expect(md).toContain('- **Authors:** 9 authors\n');
    expect(md).toContain('- **Authors:** Skywork\n');
    // Two names known of eight.
    expect(md).toContain('- **Authors:** Ashish Vaswani, Noam Shazeer et al.\n');
  });

  it('does not turn titles, tags or non-web URLs into Markdown syntax', () => {
    const paper = stored('t:x', {
      title: 'A [link](http://evil.example) <b>bold</b> *star*',
      url: 'javascript:alert(1)',
    });
    const item: ExportItem = { paper, annotation: annotation({ tags: ['_x_', '[t]'] }), note: null };
    const md = exportMarkdown([item]);
    expect(md).toContain('## A \\[link\\](http://evil.example) \\<b\\>bold\\</b\\> \\*star\\*');
    expect(md).toContain('- **Tags:** \\_x\\_, \\[t\\]');
    expect(md).not.toContain('javascript:');
  });

  it('writes an empty list for no papers', () => {
    expect(exportMarkdown([])).toBe('# Reading list\n\n_0 papers_\n');
  });
});

describe('escapeMarkdown', () => {
  it('joins lines and escapes Markdown punctuation', () => {
    expect(escapeMarkdown('a_b\n*c* `d` #e')).toBe('a\\_b \\*c\\* \\`d\\` \\#e');
  });
});
