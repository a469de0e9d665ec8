import { describe, expect, it } from 'vitest';
import type { FetchJob } from '../../src/api/contract.ts';
import { barLine, ProgressBar } from '../../src/cli/progress-bar.ts';

function job(change: Partial<FetchJob>): FetchJob {
  return {
    id: 'j1',
    kind: 'hf',
    label: 'Daily Papers 2026-07-01 to 2026-07-10',
    state: 'running',
    finished: false,
    done: 0,
    total: 10,
    message: 'starting',
    added: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    requests: 0,
    warnings: [],
    parts: [],
    error: null,
    startedAt: '2026-07-15T12:00:00.000Z',
    finishedAt: null,
    ...change,
  };
}

function recorder(isTTY: boolean, columns?: number) {
  const written: string[] = [];
  return { written, bar: new ProgressBar({ write: (text) => written.push(text), isTTY, columns }) };
}

describe('ProgressBar', () => {
  it('redraws one line in place on a terminal, with the share done and the counts', () => {
    const { written, bar } = recorder(true, 200);
    bar.update(job({ done: 5, added: 40, updated: 3, requests: 6, message: '2026-07-05: 9 papers' }));
    expect(written).toEqual([`\r\x1b[2K${'█'.repeat(10)}${'░'.repeat(10)} 5/10  40 added · 3 updated · 6 requests  2026-07-05: 9 papers`]);
    bar.close();
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('never lets the bar wrap on a narrow terminal', () => {
    const line = barLine(job({ message: 'x'.repeat(200) }), 60);
    expect(line).toHaveLength(59);
    expect(line.endsWith('…')).toBe(true);
  });

  it('writes one plain line per change when stderr is not a terminal, and nothing to clear', () => {
    const { written, bar } = recorder(false);
    bar.update(job({ done: 1, message: '2026-07-01: 3 papers' }));
    bar.update(job({ done: 1, message: '2026-07-01: 3 papers', requests: 2 }));
    bar.update(job({ done: 2, message: '2026-07-02: 0 papers' }));
    bar.update(job({ done: 2, state: 'done', finished: true, message: 'done' }));
    bar.close();
    expect(written).toEqual(['[1/10] 2026-07-01: 3 papers\n', '[2/10] 2026-07-02: 0 papers\n']);
  });
});
