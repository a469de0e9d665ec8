import { describe, expect, it } from 'vitest';
import { BibliographyError, formatBibliography, formatCslReferences } from '../../src/export/bibliography.ts';
import { godelItem, gliclassItem, importedBibtexItem } from './export-items.ts';

const GLICLASS_AUTHORS_APA = 'Stepanov, I., Shtopko, M., Vodianytskyi, D., Lukashov, O., Yavorskyi, A., & Yaroshenko, M.';

/** A style as a user might add it: only family names and the year. */
const USER_STYLE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Lab style</title><id>lab</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout>
      <group delimiter=" / ">
        <names variable="author"><name form="short" delimiter=" + "/></names>
        <date variable="issued"><date-part name="year"/></date>
        <text variable="title" text-case="uppercase"/>
      </group>
    </layout>
  </bibliography>
</style>`;

describe('formatBibliography', () => {
  it('formats the recorded arXiv entry of 2508.07662 in APA as a preprint', () => {
    expect(formatBibliography([gliclassItem()], 'apa')).toBe(
      `${GLICLASS_AUTHORS_APA} (2025). GLiClass: Generalist Lightweight Model for Sequence Classification Tasks (arXiv:2508.07662). arXiv. https://arxiv.org/abs/2508.07662\n`,
    );
  });

  it('formats the same paper in IEEE, Chicago and Nature', () => {
    expect(formatBibliography([gliclassItem()], 'ieee')).toBe(
      '[1] I. Stepanov, M. Shtopko, D. Vodianytskyi, O. Lukashov, A. Yavorskyi, and M. Yaroshenko, “GLiClass: Generalist Lightweight Model for Sequence Classification Tasks,” 2025, arXiv:2508.07662.\n',
    );
    expect(formatBibliography([gliclassItem()], 'chicago')).toBe(
      'Stepanov, Ihor, Mykhailo Shtopko, Dmytro Vodianytskyi, Oleksandr Lukashov, Alexander Yavorskyi, and Mykyta Yaroshenko. 2025. “GLiClass: Generalist Lightweight Model for Sequence Classification Tasks.” arXiv:2508.07662. Preprint, arXiv. https://arxiv.org/abs/2508.07662.\n',
    );
    expect(formatBibliography([gliclassItem()], 'nature')).toBe(
      '1. Stepanov, I. et al. GLiClass: Generalist Lightweight Model for Sequence Classification Tasks. Preprint at https://arxiv.org/abs/2508.07662 (2025).\n',
    );
  });

  it('formats a journal article with its DOI and a conference paper with its proceedings in APA', () => {
    const [godel, vaswani] = formatBibliography([godelItem(), importedBibtexItem()], 'apa').trim().split('\n\n');
    expect(godel).toMatch(/^Gödel, K\., van der Berg, J\., Kaiser, Ł\., Qwen Team, & Ørsted-Çelik, Z\. \(1931\)\. Gödel Numbers /);
    expect(godel).toMatch(/\. Monatshefte für Mathematik & Physik\. https:\/\/doi\.org\/10\.1007\/BF01700692$/);
    expect(vaswani).toBe('Vaswani, A., & Shazeer, N. (2017). Attention Is All You Need. In Advances in Neural Information Processing Systems.');
  });

  it('numbers several papers in the order given, and sorts author-date styles by author', () => {
    const items = [importedBibtexItem(), gliclassItem()];
    const ieee = formatBibliography(items, 'ieee').trim().split('\n\n');
    expect(ieee.map((entry) => entry.slice(0, 18))).toEqual(['[1] A. Vaswani and', '[2] I. Stepanov, M']);
    expect(ieee[0]).toContain('in Advances in Neural Information Processing Systems, 2017');
    const apa = formatBibliography(items, 'apa').trim().split('\n\n');
    expect(apa.map((entry) => entry.split(',')[0])).toEqual(['Stepanov', 'Vaswani']);
  });

  it('uses a CSL style file the user adds', () => {
    expect(formatBibliography([gliclassItem(), godelItem()], USER_STYLE)).toBe(
      'Stepanov + Shtopko + Vodianytskyi + Lukashov + Yavorskyi + Yaroshenko / 2025 / GLICLASS: GENERALIST LIGHTWEIGHT MODEL FOR SEQUENCE CLASSIFICATION TASKS\n\n' +
        `${formatCslReferences([], USER_STYLE).join('')}` +
        formatBibliography([godelItem()], USER_STYLE),
    );
  });

  it('follows the locale for the words a style prints', () => {
    expect(formatBibliography([importedBibtexItem()], 'chicago', { locale: 'de-DE' })).toContain('Vaswani, Ashish, und Noam Shazeer');
    expect(formatBibliography([importedBibtexItem()], 'chicago')).toContain('Vaswani, Ashish, and Noam Shazeer');
  });

  it('gives HTML with the style’s italics for rich paste', () => {
    expect(formatBibliography([gliclassItem()], 'apa', { format: 'html' })).toContain(
      '<i>GLiClass: Generalist Lightweight Model for Sequence Classification Tasks</i>',
    );
  });

  it('refuses a file that is no CSL style, a dependent style and a notes-only style with one readable line', () => {
    expect(() => formatBibliography([gliclassItem()], '<html><body>hello</body></html>')).toThrow(/not a CSL style file/);
    const dependent = USER_STYLE.replace('<info>', '<info><link href="http://www.zotero.org/styles/apa" rel="independent-parent"/>');
    expect(() => formatBibliography([gliclassItem()], dependent)).toThrow(/points to another style/);
    const notesOnly = USER_STYLE.replace(/<bibliography>[^]*<\/bibliography>/, '');
    expect(() => formatBibliography([gliclassItem()], notesOnly)).toThrow(BibliographyError);
    expect(() => formatBibliography([gliclassItem()], 'x'.repeat(2_000_000))).toThrow(/larger than/);
    // Every door reports it as the user's to fix (exit code 2 in the CLI).
    expect(() => formatBibliography([gliclassItem()], 'x')).toThrow(expect.objectContaining({ code: 'bad-input' }));
  });

  it('gives nothing for no papers', () => {
    expect(formatBibliography([], 'apa')).toBe('');
  });
});
