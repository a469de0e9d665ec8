import { describe, expect, it } from 'vitest';
import { salvageAnnotationEntries } from '../../src/store/annotation-salvage.ts';

const a = { starred: true, tags: ['RL', 'has "quotes" and {braces}'], status: 'read', updatedAt: '2025-01-01T00:00:00.000Z' };
const b = { starred: false, tags: ['vision'], status: null, updatedAt: '2025-01-02T00:00:00.000Z' };
const c = { starred: true, tags: [], status: null, updatedAt: '2025-01-03T00:00:00.000Z' };

function fileText(papers: Record<string, unknown>): string {
  return JSON.stringify({ schemaVersion: 1, papers }, null, '\t');
}

describe('salvageAnnotationEntries', () => {
  it('finds every entry of a file cut short, up to the cut', () => {
    const text = fileText({ '2508.07662': a, 'hep-th/9901001': b, 't:some-title': c });
    const cut = text.slice(0, text.indexOf('t:some-title') + 30);
    expect(Object.fromEntries(salvageAnnotationEntries(cut))).toEqual({ '2508.07662': a, 'hep-th/9901001': b });
  });

  it('resumes after a block of zeros in the middle (a crash without fsync)', () => {
    const text = fileText({ '2508.07662': a, 'hep-th/9901001': b, 't:some-title': c });
    const start = text.indexOf('hep-th/9901001') + 5;
    const damaged = `${text.slice(0, start)}${'\0'.repeat(40)}${text.slice(start + 40)}`;
    expect(Object.fromEntries(salvageAnnotationEntries(damaged))).toEqual({ '2508.07662': a, 't:some-title': c });
  });

  it('ignores objects that are not annotations and keeps the last duplicate', () => {
    const text = `{"settings": {"theme": "dark"}, "x": {"starred": true}, "papers": {"x": {"tags": ["late"]}}, "y": {}`;
    expect(Object.fromEntries(salvageAnnotationEntries(text))).toEqual({ x: { tags: ['late'] } });
  });

  it('finds nothing in garbage', () => {
    expect(salvageAnnotationEntries('\u0000\u0001 not json at all { "a": [ }').size).toBe(0);
    expect(salvageAnnotationEntries('').size).toBe(0);
  });
});
