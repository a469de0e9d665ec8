/** The part of citeproc-js (the `citeproc` package, CommonJS, untyped) that the bibliography uses. */
declare module 'citeproc' {
  export interface CiteprocSys {
    retrieveLocale(lang: string): string;
    retrieveItem(id: string): unknown;
  }
  export interface BibliographyMeta {
    bibstart: string;
    bibend: string;
    entry_ids: string[][];
  }
  export interface CiteprocEngine {
    setOutputFormat(format: 'text' | 'html' | 'rtf'): void;
    updateItems(ids: string[]): void;
    makeBibliography(): [BibliographyMeta, string[]] | false;
  }
  const CSL: { Engine: new (sys: CiteprocSys, style: string, lang?: string, forceLang?: boolean) => CiteprocEngine };
  export default CSL;
}
