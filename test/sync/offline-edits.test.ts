import { describe, expect, it } from 'vitest';
import { plain, twoMachines } from './sync-harness.ts';

/*
 * The scenarios that lost work when two devices shared annotations.json through a sync tool, now with
 * each device writing only its own files: offline edits on both sides, then the copier, then both
 * devices must show everything, identically.
 */

describe('two devices editing offline, joined by a Dropbox-like copier', () => {
  it('keeps a star from one device and a tag from the other on the same paper', async () => {
    const m = await twoMachines();
    await m.a.applyLocal([{ type: 'star', paperId: '2508.07662', starred: true }]);
    await m.b.applyLocal([{ type: 'add-tag', paperId: '2508.07662', tag: 'RL' }]);
    await m.sync();
    for (const device of [m.a, m.b]) {
      const annotation = device.state().annotations.get('2508.07662');
      expect(annotation?.starred).toBe(true);
      expect(annotation?.tags).toEqual(['RL']);
    }
    expect(plain(m.a)).toEqual(plain(m.b));
  });

  it('keeps both paragraphs of a note appended offline on both devices', async () => {
    const m = await twoMachines();
    await m.a.applyLocal([{ type: 'note', paperId: 'p1', text: 'Shared first paragraph.' }]);
    await m.sync();
    await m.a.applyLocal([{ type: 'append-note', paperId: 'p1', text: 'Written on the laptop.' }]);
    await m.b.applyLocal([{ type: 'append-note', paperId: 'p1', text: 'Written on the desktop.' }]);
    await m.sync();
    const note = m.a.state().notes.get('p1') ?? '';
    expect(note.startsWith('Shared first paragraph.')).toBe(true);
    expect(note).toContain('Written on the laptop.');
    expect(note).toContain('Written on the desktop.');
    expect(m.b.state().notes.get('p1')).toBe(note);
  });

  it('keeps a whole-note save from each device when both edited different paragraphs', async () => {
    const m = await twoMachines();
    const base = 'Intro paragraph.\n\nMethods paragraph.\n\nResults paragraph.';
    await m.a.applyLocal([{ type: 'note', paperId: 'p1', text: base }]);
    await m.sync();
    await m.a.applyLocal([{ type: 'note', paperId: 'p1', text: base.replace('Intro paragraph.', 'Intro, revised on the laptop.') }]);
    await m.b.applyLocal([{ type: 'note', paperId: 'p1', text: base.replace('Results paragraph.', 'Results, revised on the desktop.') }]);
    await m.sync();
    const expected = 'Intro, revised on the laptop.\n\nMethods paragraph.\n\nResults, revised on the desktop.';
    expect(m.a.state().notes.get('p1')).toBe(expected);
    expect(m.b.state().notes.get('p1')).toBe(expected);
  });

  it('takes a Markdown file edited in another editor as that device\'s edit, keeping what arrived meanwhile', async () => {
    const m = await twoMachines();
    const written = 'Summary.\n\nOpen questions.';
    await m.a.applyLocal([{ type: 'note', paperId: 'p1', text: written }]);
    await m.sync();
    // The desktop's .md file still holds `written` when the laptop's paragraph arrives; then the user
    // edits that file in another editor and the desktop picks the file up.
    await m.a.applyLocal([{ type: 'append-note', paperId: 'p1', text: 'From the laptop.' }]);
    await m.sync();
    await m.b.applyLocal([{ type: 'note', paperId: 'p1', base: written, text: 'Summary, edited in vim.\n\nOpen questions.' }]);
    await m.sync();
    const expected = 'Summary, edited in vim.\n\nOpen questions.\n\nFrom the laptop.';
    expect(m.a.state().notes.get('p1')).toBe(expected);
    expect(m.b.state().notes.get('p1')).toBe(expected);
  });

  it('lists the devices seen with their last change, newest first', async () => {
    const m = await twoMachines();
    await m.a.applyLocal([{ type: 'star', paperId: 'p1', starred: true }]);
    m.clockB.advance(60_000);
    await m.b.applyLocal([{ type: 'star', paperId: 'p2', starred: true }]);
    await m.sync();
    const devices = m.a.devices();
    expect(devices.map((d) => d.deviceId)).toEqual(['desktop', 'laptop']);
    expect(devices[0]?.lastChangeAt).toBe(new Date(m.clockB.ms).toISOString());
    expect(m.b.devices()).toEqual(devices);
  });

  it.each([
    ['the laptop', 5000, 'read'],
    ['the desktop', -5000, 'reading'],
  ] as const)('gives concurrent status changes to the later clock (%s) on both devices', async (_label, laptopAhead, winner) => {
    const m = await twoMachines();
    m.clockA.advance(laptopAhead);
    await m.a.applyLocal([{ type: 'status', paperId: 'p1', status: 'read' }]);
    await m.b.applyLocal([{ type: 'status', paperId: 'p1', status: 'reading' }]);
    await m.sync();
    expect(m.a.state().annotations.get('p1')?.status).toBe(winner);
    expect(m.b.state().annotations.get('p1')?.status).toBe(winner);
  });

  it('lets a later change win over a device whose clock runs a year ahead, once it has been seen', async () => {
    const m = await twoMachines();
    m.clockA.advance(365 * 24 * 3600 * 1000);
    await m.a.applyLocal([{ type: 'status', paperId: 'p1', status: 'read' }]);
    await m.sync();
    expect(m.b.state().annotations.get('p1')?.status).toBe('read');
    // The desktop's wall clock is right, and still its next change orders after the one it has seen.
    await m.b.applyLocal([{ type: 'status', paperId: 'p1', status: 'to-read' }]);
    await m.b.applyLocal([{ type: 'star', paperId: 'p1', starred: true }]);
    await m.sync();
    for (const device of [m.a, m.b]) {
      expect(device.state().annotations.get('p1')).toMatchObject({ status: 'to-read', starred: true });
    }
  });

  it('converges on identical state after many random offline edits on both sides', async () => {
    const m = await twoMachines();
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const papers = ['p1', 'p2', 'p3'];
    const tags = ['ml', 'rl', 'nlp'];
    for (let round = 0; round < 6; round++) {
      for (const [device, clock] of [
        [m.a, m.clockA],
        [m.b, m.clockB],
      ] as const) {
        for (let i = 0; i < 8; i++) {
          clock.advance(random(3) * 1000);
          const paperId = papers[random(papers.length)] as string;
          const tag = tags[random(tags.length)] as string;
          const choice = random(5);
          await device.applyLocal([
            choice === 0
              ? { type: 'star', paperId, starred: random(2) === 0 }
              : choice === 1
                ? { type: 'status', paperId, status: random(2) === 0 ? 'read' : null }
                : choice === 2
                  ? { type: 'add-tag', paperId, tag }
                  : choice === 3
                    ? { type: 'remove-tag', paperId, tag }
                    : { type: 'append-note', paperId, text: `round ${round} edit ${i}` },
          ]);
        }
      }
      await m.sync();
      expect(plain(m.a)).toEqual(plain(m.b));
    }
    expect(m.a.state().notes.size).toBeGreaterThan(0);
  });
});
