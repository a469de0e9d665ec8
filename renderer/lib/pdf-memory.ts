/**
 * What the reader remembers in this window's storage: the page each paper was left at (the most
 * recent MAX_REMEMBERED papers) and whether pages are shown inverted. Storage can be disabled or
 * full; the reader then simply starts at page 1.
 */
const PAGES_KEY = 'papershelf.pdf.pages';
const INVERT_KEY = 'papershelf.pdf.invert';
export const MAX_REMEMBERED = 500;

type PageMap = Record<string, number>;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function readPages(): PageMap {
  try {
    const raw: unknown = JSON.parse(storage()?.getItem(PAGES_KEY) ?? '{}');
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    const pages: PageMap = {};
    for (const [id, page] of Object.entries(raw)) if (Number.isInteger(page) && (page as number) >= 1) pages[id] = page as number;
    return pages;
  } catch {
    return {};
  }
}

/** The page the paper's PDF was left at, or null. */
export function rememberedPage(id: string): number | null {
  return readPages()[id] ?? null;
}

export function rememberPage(id: string, page: number): void {
  const pages = readPages();
  delete pages[id];
  pages[id] = page;
  // Object keys keep insertion order: the first ones are the least recently read.
  const ids = Object.keys(pages);
  for (const old of ids.slice(0, Math.max(0, ids.length - MAX_REMEMBERED))) delete pages[old];
  try {
    storage()?.setItem(PAGES_KEY, JSON.stringify(pages));
  } catch {
    // Full or disabled storage: the page is not remembered, nothing else is lost.
  }
}

/** The user's choice of inverted pages; null when they never chose (follow the theme). */
export function invertChoice(): boolean | null {
  const value = storage()?.getItem(INVERT_KEY);
  return value === 'on' ? true : value === 'off' ? false : null;
}

export function saveInvertChoice(invert: boolean): void {
  try {
    storage()?.setItem(INVERT_KEY, invert ? 'on' : 'off');
  } catch {
    // As above: only the preference is lost.
  }
}

/** Whether the window shows the dark theme now (chosen, or the system's). */
export function darkThemeShown(): boolean {
  const theme = document.documentElement.dataset.theme;
  if (theme === 'dark') return true;
  if (theme === 'light') return false;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}
