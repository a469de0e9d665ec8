/** Sizes as people write them (`2GB`, `500 MB`, `1.5G`, `none`) and as they read them. */

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4 };

/** Bytes, or null for `none`/`off` (no limit); throws a sentence for anything else. */
export function parseByteSize(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'none' || trimmed === 'off' || trimmed === 'unlimited') return null;
  const match = /^(\d{1,15}(?:\.\d{1,6})?)\s?([kmgt]?b?)$/.exec(trimmed);
  const unit = match ? UNITS[match[2] ?? ''] : undefined;
  if (!match || unit === undefined) throw new Error(`"${text.slice(0, 40)}" is not a size: write e.g. 2GB, 500MB or none`);
  const bytes = Math.round(Number(match[1]) * unit);
  if (bytes < 1 || !Number.isSafeInteger(bytes)) throw new Error(`"${text.slice(0, 40)}" is not a size a limit can be`);
  return bytes;
}

export function formatByteSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
