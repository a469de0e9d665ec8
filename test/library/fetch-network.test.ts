/**
 * Fetch jobs and the network as a user meets them through the contract: no network says "offline"
 * at once (a DNS failure through an injected lookup, since the system resolver would ask a name
 * server beyond this machine), and arXiv requests are paced through the data folder's pacing file.
 */
import { readFileSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arxivEntries, openHarness } from './fetch-harness.ts';

const NAME = 'huggingface.invalid';

const notFound: LookupFunction = (hostname, _options, callback) => {
  setImmediate(() => callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), '', 4));
};

describe('fetch jobs without a network', () => {
  it('fail a fetch as offline at once when the name does not resolve, without retrying', async () => {
    const h = await openHarness();
    h.jobs.environment = { ...h.jobs.environment, env: { PAPERSHELF_HF_URL: `https://${NAME}` }, lookup: notFound };
    const started = performance.now();
    const job = await h.run('fetchSource', { source: 'hf' });
    console.log(`fetch hf with no DNS -> "offline:" in ${(performance.now() - started).toFixed(0)} ms`);
    expect(job.error).toEqual({ code: 'offline', message: `offline: could not reach ${NAME} (its name could not be looked up) — your library is unchanged` });
    expect(job.requests).toBe(1);
    expect(h.clock.sleeps).toEqual([]);
  });

  it('fail every follow of a refresh as offline, each after one request', async () => {
    const h = await openHarness();
    h.jobs.environment = { ...h.jobs.environment, env: { PAPERSHELF_HF_URL: `https://${NAME}`, PAPERSHELF_ARXIV_URL: 'https://arxiv.invalid' }, lookup: notFound };
    await h.call('follow', { kind: 'hf-daily' });
    await h.call('follow', { kind: 'arxiv', query: 'all:testing' });
    const job = await h.run('refresh', {});
    expect(job.parts.map((part) => [part.error?.code, part.requests])).toEqual([
      ['offline', 1],
      ['offline', 1],
    ]);
    expect(job.error?.message).toMatch(/offline: could not reach/);
    expect(h.clock.sleeps).toEqual([]);
  });
});

describe('arXiv pacing of a data folder', () => {
  it("records each arXiv request's time in the folder's pacing file, shared with other processes", async () => {
    const h = await openHarness({ arxivFeeds: { testing: arxivEntries(3, '2026-07-14T12:00:00Z'), 'cs.LG': [] } });
    // The real clock, as in use: a virtual clock's times would mean nothing to another process.
    h.jobs.environment = { env: { PAPERSHELF_HF_URL: h.server.url, PAPERSHELF_ARXIV_URL: h.server.url } };
    expect(h.jobs.environment.dataDir).toBe(resolve(h.dir));
    const before = Date.now();
    const job = await h.run('fetchSource', { source: 'arxiv', query: 'all:testing', max: 3 });
    expect(job).toMatchObject({ state: 'done', added: 3 });
    const recorded = Number(readFileSync(join(h.dir, '.arxiv-pacing'), 'utf8'));
    expect(recorded).toBeGreaterThanOrEqual(before);
    expect(recorded).toBeLessThanOrEqual(Date.now());
  });
});
