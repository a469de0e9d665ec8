import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDevice, plain, tempDir } from './sync-harness.ts';

/* Two clones of a data folder, committed and pulled on two machines, merge without textual conflicts. */

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

describe('a data folder carried by git', () => {
  it('merges offline edits of two clones without conflicts, compaction included', async () => {
    const root = tempDir();
    const origin = join(root, 'origin.git');
    git(root, 'init', '--bare', origin);
    const dirA = join(root, 'laptop');
    git(root, 'clone', origin, dirA);
    const laptop = await openDevice(dirA, 'laptop');
    await laptop.applyLocal([{ type: 'note', paperId: 'p1', text: 'First paragraph.' }]);
    git(dirA, 'add', '-A');
    git(dirA, 'commit', '-m', 'first');
    git(dirA, 'push', 'origin', 'HEAD:main');
    const dirB = join(root, 'desktop');
    git(root, 'clone', '--branch', 'main', origin, dirB);
    const desktop = await openDevice(dirB, 'desktop');

    await laptop.applyLocal([{ type: 'star', paperId: 'p1', starred: true }]);
    await laptop.applyLocal([{ type: 'append-note', paperId: 'p1', text: 'From the laptop.' }]);
    await laptop.compact();
    await desktop.applyLocal([{ type: 'add-tag', paperId: 'p1', tag: 'survey' }]);
    await desktop.applyLocal([{ type: 'append-note', paperId: 'p1', text: 'From the desktop.' }]);
    for (const [dir, message] of [
      [dirA, 'laptop edits'],
      [dirB, 'desktop edits'],
    ] as const) {
      git(dir, 'add', '-A');
      git(dir, 'commit', '-m', message);
    }
    git(dirA, 'push', 'origin', 'HEAD:main');
    git(dirB, 'pull', '--no-rebase', '--no-edit', 'origin', 'main');
    git(dirB, 'push', 'origin', 'HEAD:main');
    git(dirA, 'pull', '--no-rebase', '--no-edit', 'origin', 'main');
    expect(git(dirB, 'status', '--porcelain')).toBe('');

    await laptop.refresh();
    await desktop.refresh();
    const note = laptop.state().notes.get('p1') ?? '';
    expect(note).toContain('From the laptop.');
    expect(note).toContain('From the desktop.');
    expect(laptop.state().annotations.get('p1')).toMatchObject({ starred: true, tags: ['survey'] });
    expect(plain(laptop)).toEqual(plain(desktop));
  });
});
