/** The citation style last chosen and the CSL styles the user added, kept in this browser profile. */
import { BUILT_IN_FORMATS, type CustomStyle } from './citations.ts';

const STORAGE_KEY = 'papershelf.citation';

export interface CitationPrefs {
  format: string;
  custom: CustomStyle[];
}

/** The chosen style and the user's own CSL styles live in this browser profile, like the theme of a page. */
export function loadCitationPrefs(): CitationPrefs {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<CitationPrefs> | null;
    const custom = Array.isArray(saved?.custom) ? saved.custom.filter((s) => typeof s?.name === 'string' && typeof s?.xml === 'string') : [];
    const format = typeof saved?.format === 'string' ? saved.format : 'apa';
    const known = BUILT_IN_FORMATS.some((f) => f.id === format) || custom.some((s) => `csl:${s.name}` === format);
    return { format: known ? format : 'apa', custom };
  } catch {
    // Unreadable or unavailable storage: start from the defaults.
    return { format: 'apa', custom: [] };
  }
}

export function saveCitationPrefs(saved: CitationPrefs): string | null {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
    return null;
  } catch {
    return 'The style is usable now but could not be saved for next time (browser storage is full or off).';
  }
}

