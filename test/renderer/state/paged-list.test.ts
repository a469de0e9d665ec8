import { describe, expect, it } from 'vitest';
import type { Row } from '../../../renderer/api/types.ts';
import { PagedList, type ListSpec, type PageAnswer } from '../../../renderer/state/paged-list.ts';
import { coreBridge, generatedPapers, idOf } from '../core-seed.ts';

const spec = (query: string): ListSpec => ({ query, filter: {}, sort: 'date' });
const row = (title: string) => ({ id: title, title }) as Row;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A page source the test answers by hand: every request waits in `pending` (its offset is logged)
 * until `answer()` serves rows `r<offset>...` out of `total`, with `extra` fields on the answer.
 */
function handFed(total: number, extra: Record<string, unknown> = {}) {
  const pending: Array<{ offset: number; answer: () => void }> = [];
  const asked: number[] = [];
  let clock = 0;
  const fetchPage = (_spec: ListSpec, offset: number, limit: number) =>
    new Promise<PageAnswer>((resolve) => {
      asked.push(offset);
      const results = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => row(`r${offset + i}`));
      pending.push({ offset, answer: () => resolve({ ok: true, value: { total, results, ...extra } }) });
    });
  const answer = async (offset?: number) => {
    const at = offset === undefined ? 0 : pending.findIndex((request) => request.offset === offset);
    if (at < 0) throw new Error(`no request for offset ${offset} is waiting`);
    pending.splice(at, 1)[0]?.answer();
    await settle();
  };
  const answerAll = async () => {
    while (pending.length > 0) await answer();
  };
  return { pending, asked, answer, answerAll, fetchPage, tick: (ms: number) => (clock += ms), now: () => clock };
}

/** A list of 50,000 rows whose first page has arrived, keeping at most `maxPages` pages. */
async function loadedList(maxPages: number) {
  const pages = handFed(50_000);
  const list = new PagedList(pages.fetchPage, 100, maxPages, pages.now);
  const loading = list.reload(spec(''));
  await pages.answer(0);
  await loading;
  return { pages, list };
}

describe('PagedList over the real core', () => {
  it('fetches only the pages near the view, and keeps at most maxPages of them', async () => {
    const bridge = await coreBridge(generatedPapers(10_000));
    const list = new PagedList((s, offset, limit) => bridge.listPapers({ sort: s.sort, offset, limit }), 100, 3);
    await list.reload(spec(''));
    expect(list.getSnapshot().total).toBe(10_000);
    for (const first of [0, 1000, 5000, 9000]) {
      list.show(first, first + 20);
      await list.rowAt(first);
    }
    await bridge.quiet(50);
    const snapshot = list.getSnapshot();
    expect(snapshot.row(9000)?.title).toBe('Generated paper 9000');
    expect(snapshot.row(0)).toBeUndefined();
    const offsets = bridge.callsOf('listPapers').map((call) => call.offset ?? 0);
    // Each view's page, and around it (no more than the plan's few pages), never the whole library.
    for (const first of [0, 1000, 5000, 9000]) expect(offsets).toContain(first);
    expect(offsets.every((offset) => [0, 1000, 5000, 9000].some((first) => Math.abs(offset - first) <= 100))).toBe(true);
    expect(snapshot.indexOf(idOf({ title: 'Generated paper 9019' }))).toBe(9019);
  });

  it('shows the unsearched view under the message when the first query cannot run', async () => {
    const bridge = await coreBridge([{ title: 'Alpha' }]);
    const list = new PagedList((s, offset, limit) => (s.query ? bridge.search({ query: s.query, offset, limit }) : bridge.listPapers({ offset, limit })));
    expect(await list.reload(spec('title:'))).toBe(false);
    const snapshot = list.getSnapshot();
    expect(snapshot.error?.code).toBe('bad-query');
    expect(snapshot.row(0)?.title).toBe('Alpha');
  });

  it('patches a paper’s row with the core’s answer, keeping its search matches', async () => {
    const bridge = await coreBridge([{ title: 'Alpha graphs' }]);
    const list = new PagedList((s, offset, limit) => bridge.search({ query: s.query, offset, limit }));
    await list.reload(spec('graphs'));
    const answer = await bridge.setStar({ id: idOf({ title: 'Alpha graphs' }), starred: true });
    if (!answer.ok) throw new Error(answer.error.message);
    list.patch(answer.value);
    const patched = list.getSnapshot().row(0);
    expect(patched?.starred).toBe(true);
    expect(patched?.matches?.[0]?.term).toBe('graph');
  });
});

describe('PagedList paging policy', () => {
  it('drops answers to superseded reloads and keeps rows when a reload fails', async () => {
    const pending: Array<(answer: PageAnswer) => void> = [];
    const list = new PagedList(() => new Promise<PageAnswer>((resolve) => pending.push(resolve)));
    const slow = list.reload(spec('slow'));
    const fast = list.reload(spec('fast'));
    pending[1]?.({ ok: true, value: { total: 1, results: [row('fast result')] } });
    await fast;
    pending[0]?.({ ok: true, value: { total: 1, results: [row('slow result')] } });
    await slow;
    expect(list.getSnapshot().row(0)?.title).toBe('fast result');

    const bad = list.reload(spec('title:'));
    pending[2]?.({ ok: false, error: { code: 'bad-query', message: 'needs a word' } });
    await bad;
    expect(list.getSnapshot().error?.message).toBe('needs a word');
    expect(list.getSnapshot().row(0)?.title).toBe('fast result');
  });

  it('a list that was empty shows the papers that arrive later', async () => {
    let total = 0;
    const list = new PagedList(async (_spec, offset, limit) => ({
      ok: true,
      value: { total, results: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => row(`r${offset + i}`)) },
    }));
    await list.reload(spec(''));
    list.show(0, 0);
    expect(list.getSnapshot().total).toBe(0);
    total = 2;
    await list.reload(spec(''));
    expect(list.getSnapshot().total).toBe(2);
    expect(list.getSnapshot().row(1)?.title).toBe('r1');
  });

  it('prefetches ahead of a fast scroll in its direction, a few requests at a time, and one page behind', async () => {
    const { pages, list } = await loadedList(40);
    list.show(0, 20);
    expect(pages.asked).toEqual([0, 100]);
    await pages.answerAll();
    // A wheel scroll: 30 rows a frame, down the list.
    for (let frame = 1; frame <= 5; frame += 1) {
      pages.tick(16);
      list.show(frame * 30, frame * 30 + 20);
      expect(pages.pending.length).toBeLessThanOrEqual(2);
    }
    await pages.answerAll();
    // Ahead of the view (rows 150-170, page 1) by as many pages as the speed asks, at most six.
    expect(pages.asked.slice(2)).toEqual([200, 300, 400, 500, 600, 700]);
    expect(list.getSnapshot().row(700)?.title).toBe('r700');
    // A jump, then a scroll back up: the pages above are fetched, nearest first.
    pages.tick(1_000);
    list.show(5_000, 5_020);
    await pages.answerAll();
    const before = pages.asked.length;
    for (let frame = 1; frame <= 3; frame += 1) {
      pages.tick(16);
      list.show(5_000 - frame * 30, 5_020 - frame * 30);
    }
    await pages.answerAll();
    expect(pages.asked.slice(before, before + 3)).toEqual([4_800, 4_700, 4_600]);
  });

  it('after a jump asks for the new view at once and never sends the prefetches planned for the old one', async () => {
    const { pages, list } = await loadedList(40);
    for (let frame = 1; frame <= 4; frame += 1) {
      pages.tick(16);
      list.show(frame * 40, frame * 40 + 20);
    }
    // Two prefetches are out; more are planned behind them.
    expect(pages.pending.map((request) => request.offset)).toEqual([100, 200]);
    pages.tick(16);
    list.show(49_980, 49_999);
    expect(pages.asked.at(-1)).toBe(49_900);
    await pages.answer(49_900);
    expect(list.getSnapshot().row(49_990)?.title).toBe('r49990');
    await pages.answerAll();
    expect(pages.asked.filter((offset) => offset >= 300 && offset < 49_000)).toEqual([]);
    expect(pages.asked).toContain(49_800);
  });

  it('during a drag across the list keeps at most three requests out, and asks for where it stops next', async () => {
    const { pages, list } = await loadedList(40);
    for (let step = 1; step <= 30; step += 1) {
      pages.tick(16);
      list.show(step * 1_000, step * 1_000 + 20);
      expect(pages.pending.length).toBeLessThanOrEqual(3);
    }
    // The pages it passed and no longer shows are never asked for; where it stopped goes out first.
    expect(pages.asked).toEqual([0, 100, 1_000, 2_000]);
    await pages.answer(100);
    expect(pages.asked.at(-1)).toBe(30_000);
    await pages.answerAll();
    expect(list.getSnapshot().row(30_010)?.title).toBe('r30010');
    expect(pages.asked.filter((offset) => offset > 2_100 && offset < 29_000)).toEqual([]);
  });

  it('keeps the most recently used pages, dropping the least recently used first', async () => {
    const { pages, list } = await loadedList(7);
    const visit = async (first: number) => {
      pages.tick(1_000);
      list.show(first, first + 20);
      await pages.answerAll();
    };
    // Each visit at rest loads the page in view and one on each side.
    await visit(1_050);
    await visit(20_050);
    await visit(1_050);
    await visit(30_050);
    const loaded = (page: number) => list.getSnapshot().row(page * 100) !== undefined;
    // Page 10 was used again after pages 9 and 11 (only prefetched) and after page 200: it stays.
    expect([0, 1, 9, 11].map(loaded)).toEqual([false, false, false, false]);
    expect([10, 199, 200, 201, 299, 300, 301].map(loaded)).toEqual([true, true, true, true, true, true, true]);
  });

  it('says when an answer covered only part of the library, and reads the field defensively', async () => {
    const partial = handFed(10, { partial: { loaded: 3, total: 12 } });
    const list = new PagedList(partial.fetchPage);
    const loading = list.reload(spec('graphs'));
    await partial.answer();
    await loading;
    expect(list.getSnapshot().partial).toEqual({ loaded: 3, total: 12 });

    for (const extra of [{}, { partial: { loaded: 12, total: 12 } }, { partial: { loaded: '3', total: 12 } }, { partial: null }]) {
      const pages = handFed(10, extra);
      const other = new PagedList(pages.fetchPage);
      const done = other.reload(spec('graphs'));
      await pages.answer();
      await done;
      expect(other.getSnapshot().partial).toBeNull();
    }
  });
});
