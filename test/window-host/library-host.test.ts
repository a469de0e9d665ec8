import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src/api/contract.ts';
import { fetchJobsFor } from '../../src/library/fetch-jobs.ts';
import { Library } from '../../src/library/library.ts';
import { LibraryHost } from '../../src/window-host/library-host.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFixture, tempDir } from '../helpers/fixtures.ts';
import { holdLockInChild, startServeChild } from '../library/cli-child.ts';

const hosts: LibraryHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function openHost(dir: string): Promise<{ host: LibraryHost; events: ChangeEvent[]; next: (kind: ChangeEvent['kind']) => Promise<ChangeEvent> }> {
  const host = await LibraryHost.open(dir, { debounceMs: 20 });
  hosts.push(host);
  const events: ChangeEvent[] = [];
  const waiting: Array<{ kind: ChangeEvent['kind']; resolve: (event: ChangeEvent) => void }> = [];
  host.subscribe((event) => {
    events.push(event);
    for (const wait of waiting.splice(0)) {
      if (wait.kind === event.kind) wait.resolve(event);
      else waiting.push(wait);
    }
  });
  const next = (kind: ChangeEvent['kind']) => new Promise<ChangeEvent>((resolve) => waiting.push({ kind, resolve }));
  return { host, events, next };
}

async function seeded(): Promise<string> {
  const dir = tempDir();
  const library = await Library.open(dir);
  await library.importText({ text: readFixture('hf-daily-papers-2026-06-12.json') });
  return dir;
}

describe('LibraryHost', () => {
  it('relays fetch-job and follow events to its subscribers, and stops when closed', async () => {
    const dir = await seeded();
    const { host, events } = await openHost(dir);
    const jobs = fetchJobsFor(dir);
    const job = jobs.start('refresh', 'test refresh', async () => {});
    jobs.followsChanged(['hf-daily']);
    await jobs.wait(job.id);
    expect(events.some((e) => e.kind === 'fetch' && e.job?.id === job.id)).toBe(true);
    expect(events.some((e) => e.kind === 'follows' && e.ids[0] === 'hf-daily')).toBe(true);
    await host.close();
    hosts.splice(hosts.indexOf(host), 1);
    const before = events.length;
    jobs.followsChanged(['again']);
    expect(events.length).toBe(before);
  });

  it('relays its own changes once, with the ids that changed', async () => {
    const dir = await seeded();
    const { host, events } = await openHost(dir);
    const first = (await host.dispatch('listPapers', { limit: 1 })) as { ok: true; value: { results: Array<{ id: string }> } };
    const id = first.value.results[0]!.id;
    const starred = await host.dispatch('setStar', { id, starred: true });
    expect(starred).toMatchObject({ ok: true, value: { id, starred: true } });
    expect(events).toEqual([expect.objectContaining({ kind: 'annotations', ids: [id] })]);
    // Another process's later change proves the watcher ran, and that it did not re-report ours.
    const other = await Library.open(dir);
    await other.annotate.setStatus(id, 'reading');
    await new Promise<void>((resolve) => host.subscribe(() => resolve()));
    expect(events.map((event) => event.ids)).toEqual([[id], []]);
  });

  it('sees a star, a tag and a note that another process wrote, and tells its subscribers', async () => {
    const dir = await seeded();
    const { host, next } = await openHost(dir);
    const other = await Library.open(dir);
    const id = other.listPapers({ limit: 1 }).results[0]!.id;
    const changed = next('annotations');
    await other.annotate.setStar(id, true);
    await other.annotate.addTags(id, ['from-the-cli']);
    await other.annotate.setNote(id, 'written elsewhere about zanzibarite');
    expect(await changed).toMatchObject({ kind: 'annotations', ids: [] });
    await host.settled();
    // Reloads can trail the first event (the writes came in three bursts): wait until the note is in.
    for (;;) {
      const found = await host.dispatch('search', { query: 'note:zanzibarite' });
      if (found.ok && found.value.total === 1) break;
      await next('annotations');
      await host.settled();
    }
    const paper = await host.dispatch('getPaper', { id });
    expect(paper).toMatchObject({ ok: true, value: { starred: true, tags: ['from-the-cli'], note: 'written elsewhere about zanzibarite' } });
    const tagged = await host.dispatch('search', { query: 'tag:from-the-cli' });
    expect(tagged).toMatchObject({ ok: true, value: { total: 1 } });
  });

  it('picks up papers another process imported', async () => {
    const dir = await seeded();
    const { host, next } = await openHost(dir);
    const before = await host.dispatch('stats', {});
    const changed = next('papers');
    const other = await Library.open(dir);
    await other.importText({ text: readFixture('arxiv-query-testing.xml') });
    await changed;
    await host.settled();
    const after = await host.dispatch('stats', {});
    expect(before.ok && after.ok && after.value.papers - before.value.papers).toBe(10);
  });

  it('keeps answering other requests while a write waits for another process to release the lock', async () => {
    const dir = await seeded();
    const { host } = await openHost(dir);
    const first = (await host.dispatch('listPapers', { limit: 1 })) as { ok: true; value: { results: Array<{ id: string }> } };
    const id = first.value.results[0]!.id;
    const holder = await holdLockInChild(dir, 1_500);
    let maxLagMs = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      maxLagMs = Math.max(maxLagMs, Date.now() - last - 10);
      last = Date.now();
    }, 10);
    const order: string[] = [];
    const append = host.dispatch('appendNote', { id, text: 'written once the lock was free' }).then((r) => (order.push('append'), r));
    const stats = host.dispatch('stats', {}).then((r) => (order.push('stats'), r));
    await Promise.all([append, stats]);
    // Let the ticker run once more, so a block that just ended is measured too.
    await new Promise((resolve) => setTimeout(resolve, 50));
    clearInterval(ticker);
    await holder.exited;
    console.log(`event loop blocked at most ${maxLagMs} ms while a write waited ~1.5 s for the lock`);
    expect(order).toEqual(['stats', 'append']);
    expect(await append).toMatchObject({ ok: true });
    expect(maxLagMs).toBeLessThan(500);
  }, 30_000);

  it('close() waits for a write still waiting for the lock, so the last edit is on disk', async () => {
    const dir = await seeded();
    const host = await LibraryHost.open(dir, { watch: false });
    const first = (await host.dispatch('listPapers', { limit: 1 })) as { ok: true; value: { results: Array<{ id: string }> } };
    const id = first.value.results[0]!.id;
    const holder = await holdLockInChild(dir, 800);
    void host.dispatch('setNote', { id, text: 'the last edit before quitting' });
    await host.close();
    await holder.exited;
    const other = await Library.open(dir);
    expect(other.annotate.getNote(id)).toBe('the last edit before quitting');
    expect(readFileSync(join(dir, 'notes', `${id.replace(/\//g, '_')}.md`), 'utf8')).toContain('the last edit before quitting');
  }, 30_000);

  it('a real `papershelf serve` stopped with Ctrl+C still writes an append that was waiting for the lock', async () => {
    const dir = tempDir();
    const seededHere = await Library.open(dir);
    await seededHere.importText({ text: readFixture('hf-daily-papers-2026-06-12.json') });
    const id = seededHere.listPapers({ limit: 1 }).results[0]!.id;
    await seededHere.close();
    const serve = await startServeChild(dir);
    const holder = await holdLockInChild(dir, 1_500);
    const answer = serve.call('appendNote', { id, text: 'typed just before Ctrl+C' }).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const code = await serve.stop('SIGINT');
    await holder.exited;
    await answer;
    expect(code, serve.stderr()).toBe(0);
    const after = await Library.open(dir);
    expect(after.annotate.getNote(id)).toBe('typed just before Ctrl+C');
  }, 60_000);
});
