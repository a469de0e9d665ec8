/** Text clean-up shared by every importer: one rule for whitespace, one for dates. */

/** Collapses every run of whitespace (newlines included) to one space. */
export function normalizeTitle(text: string): string {
  return text.replace(/\s+/g, ' ').trim().normalize('NFC');
}

/**
 * Joins hard-wrapped lines into paragraphs. A blank line, or a line that starts with whitespace
 * (arXiv's convention for "new paragraph", also kept by the Hugging Face API), starts a paragraph;
 * any other newline was a wrap and becomes a space. Paragraphs are separated by one blank line.
 */
export function normalizeAbstract(text: string): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    const joined = normalizeTitle(current.join(' '));
    if (joined) paragraphs.push(joined);
    current = [];
  };
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!line.trim() || /^[ \t\u00a0]/.test(line)) flush();
    current.push(line);
  }
  flush();
  return paragraphs.join('\n\n');
}

/** The trimmed text, or null when there is none. */
export function textOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** True when the numbers form a real calendar day. */
export function isValidDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function formatDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` from an ISO date or timestamp (`2026-05-30T00:00:00.000Z`), else null. */
export function isoDay(value: string | null | undefined): string | null {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(value ?? '');
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isValidDay(year, month, day) ? formatDay(year, month, day) : null;
}
