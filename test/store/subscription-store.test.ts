import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArxivFollow, Follow, HfFollow } from '../../src/store/subscription-schema.ts';
import { SubscriptionStore } from '../../src/store/subscription-store.ts';
import { tempDir } from '../helpers/fixtures.ts';

const ADDED = '2026-07-15T12:00:00.000Z';
const hf: HfFollow = { id: 'hf-daily', kind: 'hf-daily', since: null, lastCompleteDay: null, addedAt: ADDED, lastFetchAt: null, lastError: null, pdfs: 'none' };
const arxiv: ArxivFollow = {
  id: 'arxiv-0a1b2c3d',
  kind: 'arxiv',
  query: 'cat:cs.LG AND all:reward',
  max: 100,
  newest: null,
  resume: null,
  addedAt: ADDED,
  lastFetchAt: null,
  lastError: null,
  pdfs: 'none',
};

const fileOf = (dir: string) => join(dir, 'subscriptions.json');
const backups = (dir: string): string[] => (existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')).filter((name) => name.endsWith('.bak')) : []);

describe('SubscriptionStore', () => {
  it('keeps follows on disk with a schemaVersion, each change visible to another process at once', async () => {
    const dir = tempDir();
    const store = SubscriptionStore.open(dir);
    expect(store.list()).toEqual([]);
    expect(store.add(hf)).toEqual({ follow: hf, added: true });
    expect(store.add({ ...hf, since: '2026-01-01' })).toEqual({ follow: hf, added: false });
    store.add(arxiv);
    const other = SubscriptionStore.open(dir);
    expect(other.list()).toEqual([hf, arxiv]);
    other.update<HfFollow>('hf-daily', (follow) => ({ ...follow, lastCompleteDay: '2026-07-14' }));
    expect(store.get('hf-daily')).toMatchObject({ lastCompleteDay: '2026-07-14' });
    const saved = JSON.parse(readFileSync(fileOf(dir), 'utf8')) as { schemaVersion: number; follows: Follow[] };
    expect(saved.schemaVersion).toBe(1);
    expect(saved.follows.map((follow) => follow.id)).toEqual(['hf-daily', 'arxiv-0a1b2c3d']);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('removes a follow by id or by its query, spaces aside, and says when nothing matches', () => {
    const dir = tempDir();
    const store = SubscriptionStore.open(dir);
    store.add(hf);
    store.add(arxiv);
    expect(store.remove('  cat:cs.LG   AND all:reward')).toEqual(arxiv);
    expect(store.remove('hf-daily')).toEqual(hf);
    expect(() => store.remove('hf-daily')).toThrow(expect.objectContaining({ code: 'not-found', message: 'not following "hf-daily" (see `papershelf following`)' }));
    expect(SubscriptionStore.open(dir).list()).toEqual([]);
  });

  it('does not bring back a follow removed while a refresh was recording its progress', () => {
    const dir = tempDir();
    const store = SubscriptionStore.open(dir);
    store.add(arxiv);
    SubscriptionStore.open(dir).remove(arxiv.id);
    expect(store.update<ArxivFollow>(arxiv.id, (follow) => ({ ...follow, newest: ADDED }))).toBeUndefined();
    expect(store.list()).toEqual([]);
  });

  it('moves a file that is not JSON to backups and reports it', () => {
    const dir = tempDir();
    writeFileSync(fileOf(dir), '{"schemaVersion": 1, "follows": [{"id": "hf-da');
    const store = SubscriptionStore.open(dir);
    expect(store.list()).toEqual([]);
    expect(store.problems).toEqual([expect.stringMatching(/^subscriptions\.json is not valid JSON \(.*\): moved it to backups\/subscriptions\.json\..*\.bak and kept 0 follows$/)]);
    expect(backups(dir)).toHaveLength(1);
    expect(readFileSync(join(dir, 'backups', backups(dir)[0]!), 'utf8')).toBe('{"schemaVersion": 1, "follows": [{"id": "hf-da');
    expect(JSON.parse(readFileSync(fileOf(dir), 'utf8'))).toEqual({ schemaVersion: 1, sources: {}, follows: [] });
    expect(SubscriptionStore.open(dir).problems).toEqual([]);
  });

  it('keeps every follow and setting it can read from a damaged file, naming the rest', () => {
    const dir = tempDir();
    const damaged = {
      schemaVersion: 1,
      sources: { hfBaseUrl: 'http://127.0.0.1:9000', retries: 'many' },
      follows: [hf, { ...arxiv, max: -1 }, { ...arxiv, id: 'arxiv-ffffffff' }, hf],
    };
    writeFileSync(fileOf(dir), JSON.stringify(damaged));
    const store = SubscriptionStore.open(dir);
    expect(store.list().map((follow) => follow.id)).toEqual(['hf-daily', 'arxiv-ffffffff']);
    expect(store.sources()).toEqual({ hfBaseUrl: 'http://127.0.0.1:9000' });
    expect(store.problems).toEqual([
      expect.stringMatching(/^subscriptions\.json: follow 2 dropped \(max: .*\): moved it to backups\/.*\.bak and kept 2 follows$/),
      'subscriptions.json: follow 4 dropped (a second "hf-daily")',
      expect.stringMatching(/^subscriptions\.json: setting sources\.retries dropped \(/),
    ]);
    expect(backups(dir)).toHaveLength(1);
  });

  it('refuses a file from a newer version without touching it', () => {
    const dir = tempDir();
    const newer = JSON.stringify({ schemaVersion: 2, follows: [{ id: 'something-new' }] });
    writeFileSync(fileOf(dir), newer);
    expect(() => SubscriptionStore.open(dir)).toThrow('this library was written by a newer Papershelf (format 2 in subscriptions.json); update Papershelf');
    expect(readFileSync(fileOf(dir), 'utf8')).toBe(newer);
    expect(backups(dir)).toEqual([]);
  });
});
