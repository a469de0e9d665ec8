/*
 * Text is made well-formed where it enters: a lone UTF-16 surrogate (`"x\ud800y"` is valid JSON)
 * cannot be written as UTF-8, so two different terms or titles would become equal on disk and the
 * library would no longer open. Each becomes U+FFFD, as `String.prototype.toWellFormed` does.
 */

interface Es2024String {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

export function wellFormed(text: string): string {
  const s = text as unknown as Es2024String;
  return s.isWellFormed() ? text : s.toWellFormed();
}

/**
 * Replaces lone surrogates in every string of a freshly parsed value, keys included, in place:
 * arrays, Maps and plain or null-prototype objects are walked; anything else is left as it is.
 * Keys are redefined rather than assigned, so a key like `__proto__` stays an ordinary key.
 */
export function makeWellFormed<T>(value: T): T {
  return fix(value) as T;
}

function fix(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = fix(value[i]);
    return value;
  }
  if (value instanceof Map) {
    for (const [key, item] of [...value]) {
      const fixedKey = fix(key);
      if (fixedKey !== key) value.delete(key);
      value.set(fixedKey, fix(item));
    }
    return value;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const fixedKey = wellFormed(key);
    const item = fix(record[key]);
    if (fixedKey !== key) delete record[key];
    Object.defineProperty(record, fixedKey, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return value;
}
