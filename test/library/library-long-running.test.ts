import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src/api/contract.ts';
import { Library } from '../../src/library/library.ts';
import { readFixture, tempDir } from '../helpers/fixtures.ts';

describe('a long-running Library (server, desktop)', () => {
  it('opens with the newest segment, finishes loading in the background, then says the papers changed', async () => {
    const dir = tempDir();
    const cli = await Library.open(dir);
    await cli.importText({ text: readFixture('hf-daily-papers-2026-06-12.json') });
    await cli.importText({ text: readFixture('arxiv-query-testing.xml') });
    await cli.importText({ text: readFixture('hf-papers-page.txt') });
    const total = cli.stats().papers;
    await cli.close();

    const library = await Library.open(dir, { longRunning: true });
    const events: ChangeEvent[] = [];
    library.subscribe((event) => events.push(event));
    const first = library.stats();
    expect(first.loading).not.toBeNull();
    expect(first.loading!.segments).toBe(3);
    expect(first.loading!.papersLoaded).toBeLessThan(first.loading!.papers);
    await expect.poll(() => events.some((e) => e.kind === 'papers'), { timeout: 10_000 }).toBe(true);
    expect(library.stats()).toMatchObject({ papers: total, loading: null });
    // Identity still works across every segment: re-importing adds nothing.
    expect(await library.importText({ text: readFixture('hf-papers-page.txt') })).toMatchObject({ added: 0, unchanged: 59 });
    await library.close();
  });
});
