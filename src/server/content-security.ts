/**
 * The headers every page and file of Papershelf is served with, in the browser (src/server) and in the
 * desktop window (main/protocol.ts). Abstracts and notes are untrusted text: the CSP is the second
 * wall behind React's escaping, so no inline script, no plugin and no foreign connection can run even
 * if markup slipped through.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // React sets `style` attributes and KaTeX emits inline styles; styles cannot run code.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent with every response: no MIME sniffing, no referrer leaks, no framing, no cross-origin reads. */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function isHtmlType(contentType: string): boolean {
  return contentType.split(';')[0]?.trim().toLowerCase() === 'text/html';
}

/** The security headers for one response of the given type; HTML documents also get the CSP. */
export function securityHeaders(contentType: string): Record<string, string> {
  return isHtmlType(contentType)
    ? { ...BASE_SECURITY_HEADERS, 'Content-Security-Policy': CONTENT_SECURITY_POLICY }
    : { ...BASE_SECURITY_HEADERS };
}
