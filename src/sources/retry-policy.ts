/** How long to wait before the next attempt: the server's `Retry-After` when it gives one, else backoff. */

export interface RetryPolicy {
  /** Further attempts after the first. */
  retries: number;
  /** First backoff delay; doubled on every attempt. */
  backoffMs: number;
  maxBackoffMs: number;
  /** A server asking for a longer pause than this is not waited for; the fetch fails instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 4,
  backoffMs: 1000,
  maxBackoffMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** `Retry-After` as milliseconds from `now`: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** attempt);
}
