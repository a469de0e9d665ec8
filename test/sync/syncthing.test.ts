import { describe, expect, it } from 'vitest';
import type { SyncedLibrary } from '../../src/sync/synced-library.ts';
import { openDevice, plain, tempDir } from './sync-harness.ts';
import { SyncthingPair } from './syncthing-pair.ts';

/*
 * Real Syncthing (Debian's package; .ci/run installs it) between two data folders on this machine:
 * pause the link, edit both sides, resume, and both devices must end with every change. A missing
 * syncthing fails this file rather than skipping it.
 */

const BOUND_MS = 90_000;

async function converge(pair: SyncthingPair, devices: SyncedLibrary[], done: () => boolean, deadline: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    await pair.scanBoth();
    for (const device of devices) await device.refresh();
    if (done()) return Date.now() - started;
    if (Date.now() > deadline) throw new Error(`no convergence within ${BOUND_MS} ms:\n${JSON.stringify(devices.map(plain))}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('two devices synced by a real Syncthing', () => {
  it('ends with every star, tag, status and note paragraph from both sides after editing offline', { timeout: BOUND_MS + 30_000 }, async () => {
    const pair = await SyncthingPair.start(tempDir('papershelf-syncthing-'));
    try {
      const deadline = Date.now() + BOUND_MS;
      await pair.waitConnected(deadline);
      const laptop = await openDevice(pair.a.folder, 'laptop');
      const desktop = await openDevice(pair.b.folder, 'desktop');
      await laptop.applyLocal([{ type: 'note', paperId: '2508.07662', text: 'Shared paragraph.' }]);
      await converge(pair, [laptop, desktop], () => desktop.state().notes.get('2508.07662') === 'Shared paragraph.', deadline);

      await pair.pause();
      await laptop.applyLocal([{ type: 'star', paperId: '2508.07662', starred: true }]);
      await laptop.applyLocal([{ type: 'append-note', paperId: '2508.07662', text: 'Offline on the laptop.' }]);
      await desktop.applyLocal([{ type: 'add-tag', paperId: '2508.07662', tag: 'to-cite' }]);
      await desktop.applyLocal([{ type: 'status', paperId: '2508.07662', status: 'reading' }]);
      await desktop.applyLocal([{ type: 'append-note', paperId: '2508.07662', text: 'Offline on the desktop.' }]);
      await pair.scanBoth();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await desktop.refresh();
      expect(desktop.state().annotations.get('2508.07662')?.starred ?? false).toBe(false);
      await pair.resume();

      const complete = (device: SyncedLibrary) => {
        const annotation = device.state().annotations.get('2508.07662');
        const note = device.state().notes.get('2508.07662') ?? '';
        return (
          annotation?.starred === true &&
          annotation.status === 'reading' &&
          annotation.tags.includes('to-cite') &&
          note.includes('Offline on the laptop.') &&
          note.includes('Offline on the desktop.')
        );
      };
      const ms = await converge(pair, [laptop, desktop], () => complete(laptop) && complete(desktop), deadline);
      console.log(`syncthing: both devices converged ${ms} ms after the link resumed`);
      expect(plain(laptop)).toEqual(plain(desktop));
      expect(laptop.problems()).toEqual([]);
      expect(desktop.problems()).toEqual([]);
    } finally {
      await pair.stop();
    }
  });
});
