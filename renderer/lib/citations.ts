/**
 * Citations for the clipboard: BibTeX or formatted references of one paper or a selection. The
 * formatting code (citeproc-js, ~1 MB before minifying) loads on the first copy, not with the window.
 */
import type { PaperView } from '../api/types.ts';

export interface CustomStyle {
  name: string;
  xml: string;
}

export const BUILT_IN_FORMATS: ReadonlyArray<{ id: string; label: string }> = [
  { id: 'bibtex', label: 'BibTeX' },
  { id: 'apa', label: 'APA' },
  { id: 'ieee', label: 'IEEE' },
  { id: 'chicago', label: 'Chicago' },
  { id: 'nature', label: 'Nature' },
];

/** `format` is a built-in id, or `csl:<name>` for a style the user added. */
export async function citationText(papers: readonly PaperView[], format: string, custom: readonly CustomStyle[] = []): Promise<string> {
  const [{ exportItemOfView }, { exportBibtex }, bibliography] = await Promise.all([
    import('../../src/export/paper-view-item.ts'),
    import('../../src/export/bibtex.ts'),
    import('../../src/export/bibliography.ts'),
  ]);
  const items = papers.map(exportItemOfView);
  if (format === 'bibtex') return exportBibtex(items);
  if (bibliography.isBibliographyStyle(format)) return bibliography.formatBibliography(items, format);
  const style = custom.find((candidate) => `csl:${candidate.name}` === format);
  if (!style) throw new Error('That citation style is no longer available; choose another.');
  return bibliography.formatBibliography(items, style.xml);
}

/** Checks a CSL file the user adds and names it by its own title. */
export async function readCustomStyle(xml: string): Promise<CustomStyle> {
  const { cslStyleTitle } = await import('../../src/export/bibliography.ts');
  return { name: cslStyleTitle(xml), xml };
}

export type CopyResult = { ok: true; message: string } | { ok: false; message: string };

function reason(error: unknown): string {
  // A DOMException is not an Error in every engine; its message is still the readable part.
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

/** Formats and copies; the answer is the line to show under the button. */
export async function copyCitations(papers: readonly PaperView[], format: string, custom: readonly CustomStyle[] = []): Promise<CopyResult> {
  if (papers.length === 0) return { ok: false, message: 'Select a paper to cite first.' };
  let text: string;
  try {
    text = await citationText(papers, format, custom);
  } catch (error) {
    return { ok: false, message: `Could not format the citation: ${reason(error)}` };
  }
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
  if (!clipboard?.writeText) return { ok: false, message: 'Copying is not available here: this page has no clipboard access.' };
  try {
    await clipboard.writeText(text);
  } catch (error) {
    return { ok: false, message: `Could not copy: the browser refused clipboard access (${reason(error)}).` };
  }
  const label = BUILT_IN_FORMATS.find((entry) => entry.id === format)?.label ?? format.replace(/^csl:/, '');
  return { ok: true, message: papers.length === 1 ? `Copied (${label})` : `Copied ${papers.length} citations (${label})` };
}
