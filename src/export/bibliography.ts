/**
 * Formatted references (APA, IEEE, Chicago, Nature, or any CSL style file) from the CSL-JSON export,
 * by citeproc-js, the CSL processor behind Zotero and Mendeley. Pure: runs in Node (the CLI) and in
 * the window alike. The built-in styles are compact CSL styles of our own for the record types
 * Papershelf exports: citeproc-js compiles them in a fraction of a second, where the full styles
 * of the CSL project take seconds (APA: 3 to 6 s here) and would freeze the window on first use.
 * Those can still be added as style files. Locales come from citation-js's CSL plugin.
 */
// The renderer's tsconfig names its src/ files one by one; the reference brings citeproc's types
// along wherever this module is compiled.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./csl/citeproc.d.ts" />
import CSL, { type CiteprocEngine } from 'citeproc';
import LOCALES from '@citation-js/plugin-csl/lib-mjs/locales.json' with { type: 'json' };
import { PapershelfError } from '../model/errors.ts';
import { APA_STYLE } from './csl/apa-style.ts';
import { CHICAGO_STYLE } from './csl/chicago-style.ts';
import { IEEE_STYLE } from './csl/ieee-style.ts';
import { NATURE_STYLE } from './csl/nature-style.ts';
import { toCslItems, type CslItem } from './csl-json.ts';
import type { ExportItem } from './types.ts';

export const BIBLIOGRAPHY_STYLES = ['apa', 'ieee', 'chicago', 'nature'] as const;
export type BibliographyStyle = (typeof BIBLIOGRAPHY_STYLES)[number];

export const STYLE_LABELS: Record<BibliographyStyle, string> = { apa: 'APA', ieee: 'IEEE', chicago: 'Chicago', nature: 'Nature' };

export function isBibliographyStyle(value: string): value is BibliographyStyle {
  return (BIBLIOGRAPHY_STYLES as readonly string[]).includes(value);
}

const STYLES: Record<BibliographyStyle, string> = {
  apa: APA_STYLE,
  ieee: IEEE_STYLE,
  chicago: CHICAGO_STYLE,
  nature: NATURE_STYLE,
};

/** A style file bigger than this is refused before parsing: real CSL styles are under 200 KB. */
export const MAX_STYLE_BYTES = 1_000_000;

/** A style that cannot be used: the user's to fix (a `bad-input` error at every door). */
export class BibliographyError extends PapershelfError {
  constructor(message: string) {
    super('bad-input', message);
    this.name = 'BibliographyError';
  }
}

export interface BibliographyOptions {
  /** A locale such as `en-US`, `de-DE`; unknown locales fall back to `en-US`. */
  locale?: string;
  /** `text` for the clipboard and terminals, `html` for rich paste. */
  format?: 'text' | 'html';
}

const LOCALE_XML: Record<string, string> = LOCALES;

function localeXml(lang: string): string {
  const base = lang.split('-')[0] ?? '';
  const match = LOCALE_XML[lang] ?? Object.entries(LOCALE_XML).find(([name]) => name.startsWith(`${base}-`))?.[1];
  return match ?? LOCALE_XML['en-US'] ?? '';
}

function styleXml(style: BibliographyStyle | string): string {
  if (isBibliographyStyle(style)) return STYLES[style];
  if (style.length > MAX_STYLE_BYTES) throw new BibliographyError(`The style file is larger than ${MAX_STYLE_BYTES / 1_000_000} MB.`);
  if (!/^[\s\uFEFF]*</.test(style.slice(0, 1000))) {
    throw new BibliographyError(`unknown style "${style.slice(0, 60)}": use ${BIBLIOGRAPHY_STYLES.join(', ')} or a CSL style file`);
  }
  if (!/<style\b[^>]*xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(style.slice(0, 4000))) {
    throw new BibliographyError('This is not a CSL style file (no <style xmlns="http://purl.org/net/xbiblio/csl"> element).');
  }
  if (/<link\b[^>]*rel="independent-parent"/.test(style)) {
    throw new BibliographyError('This CSL file only points to another style (a dependent style); add the style it names instead.');
  }
  return style;
}

/** The title a CSL style file gives itself, once the file passes the checks made before formatting. */
export function cslStyleTitle(xml: string): string {
  styleXml(xml);
  const title = /<title>([^<]{1,200})<\/title>/.exec(xml.slice(0, 20_000))?.[1]?.trim();
  return title ? title.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') : 'Custom style';
}

/**
 * citeproc-js compiles a style into an engine once, and that is the slow part (a second or more for
 * APA, whose macros it expands in place); formatting with a built engine takes milliseconds. So
 * engines are kept per style, locale and output format, reading items from a table refilled per call.
 */
interface CachedEngine {
  engine: CiteprocEngine;
  items: Map<string, CslItem>;
}
const MAX_ENGINES = 8;
const engines = new Map<string, CachedEngine>();

function engineFor(style: BibliographyStyle | string, locale: string | undefined, format: 'text' | 'html'): CachedEngine {
  const key = `${style}\u0000${locale ?? ''}\u0000${format}`;
  const cached = engines.get(key);
  if (cached) return cached;
  const xml = styleXml(style);
  const items = new Map<string, CslItem>();
  let engine: CiteprocEngine;
  try {
    engine = new CSL.Engine({ retrieveLocale: localeXml, retrieveItem: (id: string) => items.get(id) }, xml, locale ?? 'en-US', Boolean(locale));
    engine.setOutputFormat(format);
  } catch (error) {
    throw new BibliographyError(`The CSL style could not be used: ${firstLine(error)}`);
  }
  if (engines.size >= MAX_ENGINES) engines.delete(engines.keys().next().value ?? '');
  const built = { engine, items };
  engines.set(key, built);
  return built;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/** One formatted reference per item (numeric styles number them 1, 2, ... in the order given). */
export function formatCslReferences(items: CslItem[], style: BibliographyStyle | string, options: BibliographyOptions = {}): string[] {
  if (items.length === 0) return [];
  const format = options.format ?? 'text';
  const { engine, items: table } = engineFor(style, options.locale, format);
  table.clear();
  for (const item of items) table.set(item.id, item);
  let result: ReturnType<typeof engine.makeBibliography>;
  try {
    engine.updateItems(items.map((item) => item.id));
    result = engine.makeBibliography();
  } catch (error) {
    throw new BibliographyError(`The CSL style could not format these papers: ${firstLine(error)}`);
  }
  if (!result) throw new BibliographyError('This CSL style has no bibliography (it formats notes only).');
  return result[1].map((entry) => (format === 'html' ? entry.trim() : entry.replace(/\s+/g, ' ').trim()));
}

/** The references of `items` in `style`, one paragraph each, for a clipboard or a file. */
export function formatBibliography(items: ExportItem[], style: BibliographyStyle | string, options: BibliographyOptions = {}): string {
  const references = formatCslReferences(toCslItems(items), style, options);
  return references.length === 0 ? '' : `${references.join(options.format === 'html' ? '\n' : '\n\n')}\n`;
}
