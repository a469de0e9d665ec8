/**
 * A deterministic synthetic library for the benchmark: papers with realistic lengths (~1,500-character
 * abstracts, 6–14-word titles, 1–15 authors) whose words follow a Zipf distribution over a vocabulary
 * ranked by frequency in the recorded abstracts of ../shared/fixtures/. Real vocabularies keep growing
 * with the corpus (Heaps' law), so the ranks past the recorded words are pseudo-words spliced from
 * real ones: rare, but they make the term dictionary as large as a real library's.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { emptyPaperFields, type StoredPaper } from '../../src/model/paper.ts';

/** ../shared/fixtures beside the clone (test/helpers/fixtures.ts imports vitest, which a plain script cannot). */
const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures');
const TAIL_WORDS = 150_000;
const ZIPF_EXPONENT = 1.05;
/** Pseudo-words are rarer than their rank alone says: about one token in ten, as in real abstracts. */
const TAIL_WEIGHT = 0.5;

/** mulberry32: small, fast and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface DailyItem {
  paper: { summary: string; authors: Array<{ name: string }> };
}

function fixtureText(): { abstracts: string[]; authors: string[] } {
  const read = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');
  const abstracts: string[] = [];
  const authors: string[] = [];
  for (const name of ['hf-daily-papers-2026-06-12.json', 'hf-daily-papers-2026-07-15.json']) {
    for (const item of JSON.parse(read(name)) as DailyItem[]) {
      abstracts.push(item.paper.summary);
      authors.push(...item.paper.authors.map((a) => a.name));
    }
  }
  for (const name of ['arxiv-query-testing.xml', 'arxiv-query-transformer-cs.LG.xml']) {
    const xml = read(name);
    for (const match of xml.matchAll(/<summary[^>]*>([\s\S]*?)<\/summary>/g)) abstracts.push(match[1]!.replace(/\s+/g, ' ').trim());
    for (const match of xml.matchAll(/<name>([^<]+)<\/name>/g)) authors.push(match[1]!.trim());
  }
  // A listing page's abstracts are its long paragraphs.
  for (const line of read('hf-papers-page.txt').split('\n')) if (line.length > 400) abstracts.push(line.trim());
  return { abstracts, authors };
}

export interface Vocabulary {
  /** Words (with their punctuation, as they appear in text) by rank. */
  words: string[];
  /** Cumulative Zipf weights, for sampling a rank. */
  cumulative: Float64Array;
  firstNames: string[];
  lastNames: string[];
}

export function buildVocabulary(seed = 1): Vocabulary {
  const { abstracts, authors } = fixtureText();
  const counts = new Map<string, number>();
  for (const abstract of abstracts) for (const word of abstract.split(/\s+/)) if (word !== '') counts.set(word, (counts.get(word) ?? 0) + 1);
  const real = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([word]) => word);
  const random = seededRandom(seed);
  const letters = real.map((word) => word.replace(/[^a-z]/gi, '').toLowerCase()).filter((word) => word.length >= 4);
  const seen = new Set(real.map((word) => word.toLowerCase()));
  const words = [...real];
  while (words.length < real.length + TAIL_WORDS) {
    const a = letters[Math.floor(random() * letters.length)]!;
    const b = letters[Math.floor(random() * letters.length)]!;
    const word = a.slice(0, 2 + Math.floor(random() * (a.length - 1))) + b.slice(Math.floor(random() * (b.length - 2)));
    if (seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let rank = 0; rank < words.length; rank++) {
    cumulative[rank] = total += (rank < real.length ? 1 : TAIL_WEIGHT) / (rank + 1) ** ZIPF_EXPONENT;
  }
  const names = [...new Set(authors)].map((name) => name.split(/\s+/));
  const firstNames = [...new Set(names.filter((n) => n.length > 1).map((n) => n[0]!))];
  const lastNames = [...new Set(names.map((n) => n.at(-1)!))];
  return { words, cumulative, firstNames, lastNames };
}

function sampleRank(vocabulary: Vocabulary, random: () => number): number {
  const { cumulative } = vocabulary;
  const target = random() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function abstractText(vocabulary: Vocabulary, random: () => number): string {
  const target = 900 + Math.floor(random() * 600) + Math.floor(random() * 600);
  const sentences: string[] = [];
  let length = 0;
  while (length < target) {
    const count = 10 + Math.floor(random() * 20);
    const words: string[] = [];
    for (let i = 0; i < count; i++) words.push(vocabulary.words[sampleRank(vocabulary, random)]!);
    const sentence = `${capitalize(words.join(' ')).replace(/[.,;:]+$/, '')}.`;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return sentences.join(' ');
}

function titleText(vocabulary: Vocabulary, random: () => number): string {
  const count = 6 + Math.floor(random() * 9);
  const words: string[] = [];
  // Titles lean on content words: skip the most common ranks (mostly function words).
  while (words.length < count) {
    const rank = sampleRank(vocabulary, random);
    if (rank >= 40) words.push(capitalize(vocabulary.words[rank]!.replace(/[.,;:()]/g, '')));
  }
  return words.filter((w) => w !== '').join(' ');
}

function authorList(vocabulary: Vocabulary, random: () => number): string[] {
  const count = 1 + Math.floor(-Math.log(1 - random()) * 4) % 15;
  const pick = (list: string[]) => list[Math.floor(random() ** 1.5 * list.length)]!;
  return Array.from({ length: count }, () => `${pick(vocabulary.firstNames)} ${pick(vocabulary.lastNames)}`);
}

/** Paper number `n` (0-based) of the synthetic library: the same for the same n and seed. */
export function syntheticPaper(vocabulary: Vocabulary, n: number, seed = 1): StoredPaper {
  const random = seededRandom(seed * 1_000_003 + n);
  const month = 1 + (Math.floor(n / 20_000) % 12);
  const year = 20 + Math.floor(n / 240_000);
  const arxivId = `${year}${String(month).padStart(2, '0')}.${String(n % 100_000).padStart(5, '0')}`;
  const day = 1 + Math.floor(random() * 28);
  const published = `20${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const authors = authorList(vocabulary, random);
  return {
    ...emptyPaperFields(titleText(vocabulary, random)),
    arxivId,
    version: 1,
    abstract: abstractText(vocabulary, random),
    authors,
    authorCount: authors.length,
    published,
    upvotes: Math.floor(random() ** 4 * 300),
    url: `https://arxiv.org/abs/${arxivId}`,
    pdfUrl: `https://arxiv.org/pdf/${arxivId}`,
    primaryCategory: 'cs.LG',
    categories: ['cs.LG'],
    id: arxivId,
    sources: ['hf-json'],
    addedAt: `${published}T12:00:00.000Z`,
    modifiedAt: `${published}T12:00:00.000Z`,
  };
}

export function syntheticPapers(vocabulary: Vocabulary, from: number, count: number, seed = 1): StoredPaper[] {
  return Array.from({ length: count }, (_, i) => syntheticPaper(vocabulary, from + i, seed));
}
