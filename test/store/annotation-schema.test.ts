import { describe, expect, it } from 'vitest';
import {
  emptyAnnotation,
  finalizeAnnotation,
  mergeAnnotations,
  normalizeTags,
  readAnnotation,
  tagKey,
} from '../../src/store/annotation-schema.ts';

const NOW = '2025-06-01T12:00:00.000Z';

describe('tags', () => {
  it('are trimmed, deduplicated case-insensitively, and keep the first spelling and the order', () => {
    expect(normalizeTags(['  Deep Learning ', 'RL', 'deep learning', 'rl', '', '   ', 'LLM'])).toEqual(['Deep Learning', 'RL', 'LLM']);
    expect(tagKey(' Deep Learning ')).toBe(tagKey('deep LEARNING'));
  });

  it('treat composed and decomposed accents as one tag', () => {
    expect(normalizeTags(['Caf\u00e9', 'cafe\u0301'])).toEqual(['Caf\u00e9']);
  });
});

describe('readAnnotation', () => {
  it('accepts a stored entry as it is', () => {
    const entry = { starred: true, tags: ['RL'], status: 'read', updatedAt: NOW };
    expect(readAnnotation(entry)).toEqual({ annotation: entry, issues: [] });
  });

  it('keeps the good fields of an entry with a bad one, and says what was dropped', () => {
    const read = readAnnotation({ starred: true, tags: ['RL', 3, 'rl'], status: 'done', updatedAt: 'yesterday', color: 'red' });
    expect(read?.annotation).toEqual({ starred: true, tags: ['RL'], status: null, updatedAt: emptyAnnotation().updatedAt });
    expect(read?.issues.join('; ')).toMatch(/"color".*1 tag\(s\) that are not text.*"status" "done".*"updatedAt" "yesterday"/);
  });

  it('rejects what is not an object', () => {
    expect(readAnnotation('starred')).toBeNull();
    expect(readAnnotation([true])).toBeNull();
    expect(readAnnotation(null)).toBeNull();
  });
});

describe('finalizeAnnotation', () => {
  const current = { starred: false, tags: ['RL'], status: null, updatedAt: '2025-01-01T00:00:00.000Z' };

  it('stamps the time when the content changed', () => {
    expect(finalizeAnnotation(current, { ...current, starred: true }, NOW)).toEqual({ ...current, starred: true, updatedAt: NOW });
  });

  it('keeps the time when nothing changed, or when the caller set one on purpose', () => {
    expect(finalizeAnnotation(current, { ...current, tags: [' RL ', 'rl'] }, NOW).updatedAt).toBe(current.updatedAt);
    const restored = { ...current, starred: true, updatedAt: '2024-05-05T00:00:00.000Z' };
    expect(finalizeAnnotation(current, restored, NOW)).toEqual(restored);
  });

  it('rejects a status that does not exist', () => {
    expect(() => finalizeAnnotation(current, { ...current, status: 'done' as never }, NOW)).toThrow(/reading status/);
  });
});

describe('mergeAnnotations', () => {
  it('keeps a star from either side, every tag once, and the newer status', () => {
    const byTitle = { starred: true, tags: ['RL', 'survey'], status: 'read' as const, updatedAt: '2025-03-01T00:00:00.000Z' };
    const byArxiv = { starred: false, tags: ['rl', 'Agents'], status: 'to-read' as const, updatedAt: '2025-02-01T00:00:00.000Z' };
    expect(mergeAnnotations(byArxiv, byTitle, NOW)).toEqual({
      starred: true,
      tags: ['rl', 'Agents', 'survey'],
      status: 'read',
      updatedAt: NOW,
    });
  });

  it('takes the other side’s status when the newer one has none', () => {
    const a = { starred: false, tags: [], status: null, updatedAt: '2025-03-01T00:00:00.000Z' };
    const b = { starred: false, tags: [], status: 'reading' as const, updatedAt: '2025-01-01T00:00:00.000Z' };
    expect(mergeAnnotations(a, b, NOW).status).toBe('reading');
  });
});
