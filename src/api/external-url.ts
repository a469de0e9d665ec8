/**
 * The one rule for links that leave Papershelf: only absolute http(s) URLs may be opened, in the
 * system browser. `javascript:`, `file:`, `data:` and relative links are refused, whatever their case
 * or padding. Pure so the Electron main process can apply the very same rule.
 */
export function externalUrl(candidate: unknown): string | null {
  if (typeof candidate !== 'string') return null;
  // URL() silently strips surrounding whitespace and control characters; a link that needs that
  // forgiveness is not one we open.
  if (candidate !== candidate.trim() || /[\u0000-\u001f\u007f]/.test(candidate)) return null;
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '') return null;
  return parsed.href;
}

export function isExternalUrl(candidate: unknown): candidate is string {
  return externalUrl(candidate) !== null;
}
