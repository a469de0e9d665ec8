/** Reproducible junk for the "50 MB of garbage" tests: a seeded PRNG, never Math.random. */

export const GARBAGE_BYTES = 50 * 1024 * 1024;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniformly random bytes, as a corrupted or binary file would be. */
export function randomBytes(size: number, seed: number): Uint8Array {
  const next = seededRandom(seed);
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 4) {
    const word = Math.floor(next() * 4294967296);
    bytes[i] = word & 0xff;
    bytes[i + 1] = (word >>> 8) & 0xff;
    bytes[i + 2] = (word >>> 16) & 0xff;
    bytes[i + 3] = (word >>> 24) & 0xff;
  }
  return bytes;
}

const PRINTABLE = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\n\n\n';

/** Random printable ASCII with line breaks: valid UTF-8 text that is no format at all. */
export function randomText(size: number, seed: number): string {
  const bytes = randomBytes(size, seed);
  for (let i = 0; i < bytes.length; i++) bytes[i] = PRINTABLE.charCodeAt(bytes[i]! % PRINTABLE.length);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
