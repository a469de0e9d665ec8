import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/api/dispatch.ts';
import type { OperationName, OperationOutput } from '../../src/api/contract.ts';
import { Library } from '../../src/library/library.ts';
import type { StoredPaper } from '../../src/model/paper.ts';
import { closeRecommender } from '../../src/recommend/recommend-client.ts';
import { Recommender } from '../../src/recommend/recommender.ts';
import { FEATURES_DIR } from '../../src/recommend/segment-features.ts';
import { Corpus } from '../../src/search/corpus/corpus.ts';
import { DEVICE_ID_ENV } from '../../src/sync/device-identity.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { FolderCopier } from '../sync/folder-copier.ts';
import { backupText, topicCorpus } from './topic-corpus.ts';

/*
 * Recommendations in a synced data folder: papers imported on two devices (each writing only its own
 * sync/devices/<id>/papers/), carried between the two folders by a Dropbox-like copier.
 */

const opened: Library[] = [];
const envBefore = process.env[DEVICE_ID_ENV];
afterEach(async () => {
  for (const library of opened.splice(0)) await library.close();
});
afterAll(async () => {
  await closeRecommender();
  if (envBefore === undefined) delete process.env[DEVICE_ID_ENV];
  else process.env[DEVICE_ID_ENV] = envBefore;
});

function syncedFolder(deviceId: string): string {
  const dir = tempDir('papershelf-recommend-sync-');
  mkdirSync(join(dir, 'sync', 'devices', deviceId), { recursive: true });
  return dir;
}

/** The library of `dir` as device `deviceId` sees it; the recommender's worker reads the id from the environment it starts with. */
async function openAs(dir: string, deviceId: string) {
  process.env[DEVICE_ID_ENV] = deviceId;
  const library = await Library.open(dir);
  opened.push(library);
  const dispatch = createDispatch(library);
  return async <N extends OperationName>(name: N, input: unknown): Promise<OperationOutput<N>> => {
    const answer = await dispatch(name, input);
    if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
    return answer.value;
  };
}

async function importOn(dir: string, deviceId: string, papers: readonly StoredPaper[]): Promise<void> {
  const call = await openAs(dir, deviceId);
  await call('importText', { text: backupText(papers), format: 'json' });
  for (const library of opened.splice(0)) await library.close();
}

describe('recommend in a synced data folder', () => {
  it('ranks the papers of every device, a paper imported on both once', async () => {
    const { papers, topicOf } = topicCorpus({ topics: 4, perTopic: 20, seed: 7 });
    const laptopDir = syncedFolder('laptop');
    const desktopDir = syncedFolder('desktop');
    // Alternate papers to each device, so every topic has papers on both; the first paper goes to both.
    const shared = papers[0]!;
    const onLaptop = papers.filter((_, i) => i % 2 === 0);
    const onDesktop = [shared, ...papers.filter((_, i) => i % 2 === 1)];
    await importOn(desktopDir, 'desktop', onDesktop);
    await importOn(laptopDir, 'laptop', onLaptop);
    expect(new FolderCopier(laptopDir, desktopDir).sync().conflicts).toEqual([]);

    const call = await openAs(laptopDir, 'laptop');
    const liked = papers.filter((paper) => topicOf.get(paper.id) === 1).slice(0, 4);
    for (const paper of liked) await call('setStar', { id: paper.id, starred: true });
    const answer = await call('recommend', { limit: 500 });
    const ids = answer.results.map((paper) => paper.id);
    expect(answer.model.positives).toBe(liked.length);
    expect(new Set(ids).size).toBe(ids.length);
    // Every paper but the liked ones is ranked: both devices' papers, the shared one once.
    expect([...ids].sort()).toEqual(
      papers
        .filter((paper) => !liked.includes(paper))
        .map((paper) => paper.id)
        .sort(),
    );
    expect(ids.filter((id) => id === shared.id)).toHaveLength(1);
    // The liked topic's papers from the other device rank high too.
    const desktopOnly = new Set(onDesktop.map((paper) => paper.id));
    const top = ids.slice(0, 10);
    expect(top.filter((id) => topicOf.get(id) === 1 && desktopOnly.has(id)).length).toBeGreaterThan(0);
  });

  it('leaves out a paper another device removed, and caches features per segment file under plain names', async () => {
    const { papers, topicOf } = topicCorpus({ topics: 3, perTopic: 12, seed: 11 });
    const laptopDir = syncedFolder('laptop');
    const desktopDir = syncedFolder('desktop');
    await importOn(laptopDir, 'laptop', papers.slice(0, 18));
    await importOn(desktopDir, 'desktop', papers.slice(18));
    const copier = new FolderCopier(laptopDir, desktopDir);
    copier.sync();
    const liked = papers.filter((paper) => topicOf.get(paper.id) === 0).slice(0, 3).map((paper) => paper.id);
    const removed = papers.find((paper, i) => i < 18 && !liked.includes(paper.id))!.id;
    process.env[DEVICE_ID_ENV] = 'desktop';
    const desktop = await Corpus.open(desktopDir, { worker: false });
    await desktop.commit({ upsert: [], remove: [removed] });
    expect(desktop.get(removed)).toBeUndefined();
    await desktop.close();
    copier.sync();

    process.env[DEVICE_ID_ENV] = 'laptop';
    const engine = new Recommender(laptopDir);
    const request = { positives: liked, exclude: [], dismissed: [], signalKey: 'liked', limit: 500, offset: 0 };
    const answer = await engine.recommend(request);
    const ids = answer.results.map((result) => result.id);
    expect(ids).not.toContain(removed);
    expect([...ids].sort()).toEqual(
      papers
        .map((paper) => paper.id)
        .filter((id) => id !== removed && !liked.includes(id))
        .sort(),
    );
    expect(answer.timings.segmentsBuilt).toBeGreaterThanOrEqual(2);
    const cached = readdirSync(join(laptopDir, FEATURES_DIR));
    expect(cached.length).toBe(answer.timings.segmentsBuilt);
    for (const name of cached) expect(name).toMatch(/^[a-z0-9~-]+\.bin$/);
    // A fresh engine (another run) reads the cached features instead of computing them again.
    const again = await new Recommender(laptopDir).recommend(request);
    expect(again.timings.segmentsBuilt).toBe(0);
    expect(again.results.map((result) => result.id)).toEqual(ids);
  });
});
