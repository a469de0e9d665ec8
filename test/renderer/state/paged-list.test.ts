import { describe, expect, it } from 'vitest';
import type { ApiResult, Row } from '../../../renderer/api/types.ts';
import { PagedList, type ListSpec } from '../../../renderer/state/paged-list.ts';
import { FakeBridge } from '../fake-bridge.ts';

type Answer = ApiResult<{ total: number; results: Row[] }>;

function deferred() {
  let resolve: (answer: Answer) => void = () => {};
  const promise = new Promise<Answer>((done) => (resolve = done));
  return { promise, resolve };
}

const spec = (query: string): ListSpec => ({ query, filter: {}, sort: 'date' });

describe('PagedList', () => {
  it('fetches only the pages near the view, and keeps at most maxPages of them', async () => {
    const bridge = FakeBridge.generated(10_000);
    const list = new PagedList((s, offset, limit) => bridge.listPapers({ sort: s.sort, offset, limit }), 100, 3);
    await list.reload(spec(''));
    expect(list.getSnapshot().total).toBe(10_000);
    for (const first of [0, 1000, 5000, 9000]) {
      list.show(first, first + 20);
      await list.rowAt(first);
    }
    const snapshot = list.getSnapshot();
    expect(snapshot.row(9000)?.title).toBe('Generated paper 9000');
    expect(snapshot.row(0)).toBeUndefined();
    // Each view fetches its own page and the one before it, which is within half a page of the view.
    expect(bridge.callsOf('listPapers').map((call) => call.offset)).toEqual([0, 900, 1000, 4900, 5000, 8900, 9000]);
    expect(snapshot.indexOf('g9019')).toBe(9019);
  });

  it('drops answers to superseded reloads and keeps rows when a reload fails', async () => {
    const pending: Array<ReturnType<typeof deferred>> = [];
    const list = new PagedList(() => {
      const next = deferred();
      pending.push(next);
      return next.promise;
    });
    const row = (title: string) => ({ id: title, title }) as Row;
    const slow = list.reload(spec('slow'));
    const fast = list.reload(spec('fast'));
    pending[1]!.resolve({ ok: true, value: { total: 1, results: [row('fast result')] } });
    await fast;
    pending[0]!.resolve({ ok: true, value: { total: 1, results: [row('slow result')] } });
    await slow;
    expect(list.getSnapshot().row(0)?.title).toBe('fast result');

    const bad = list.reload(spec('title:'));
    pending[2]!.resolve({ ok: false, error: { code: 'bad-query', message: 'needs a word' } });
    await bad;
    expect(list.getSnapshot().error?.message).toBe('needs a word');
    expect(list.getSnapshot().row(0)?.title).toBe('fast result');
  });

  it('shows the unsearched view under the message when the first query cannot run', async () => {
    const bridge = new FakeBridge([{ id: 'a', title: 'Alpha' }]);
    const list = new PagedList((s, offset, limit) =>
      s.query ? bridge.search({ query: s.query, offset, limit }) : bridge.listPapers({ offset, limit }),
    );
    expect(await list.reload(spec('title:'))).toBe(false);
    const snapshot = list.getSnapshot();
    expect(snapshot.error?.code).toBe('bad-query');
    expect(snapshot.row(0)?.title).toBe('Alpha');
  });

  it('patches a paper’s row with the core’s answer, keeping its search matches', async () => {
    const bridge = new FakeBridge([{ id: 'a', title: 'Alpha graphs' }]);
    const list = new PagedList((s, offset, limit) => bridge.search({ query: s.query, offset, limit }));
    await list.reload(spec('graphs'));
    const answer = await bridge.setStar({ id: 'a', starred: true });
    if (!answer.ok) throw new Error(answer.error.message);
    list.patch(answer.value);
    const row = list.getSnapshot().row(0);
    expect(row?.starred).toBe(true);
    expect(row?.matches?.[0]?.term).toBe('graphs');
  });
});
