import { describe, expect, it } from 'vitest';
import { openExternalSafely, suggestedFileName } from '../../main/shell-operations.ts';

function recordingShell() {
  const opened: string[] = [];
  return { opened, shell: { openExternal: async (url: string) => void opened.push(url) } };
}

describe('openExternal', () => {
  it.each([
    'file:///etc/passwd',
    'FILE:///C:/Windows/System32/calc.exe',
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'JaVaScRiPt:alert(document.domain)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'smb://server/share',
    'papershelf://app/index.html',
    '/relative/path',
    'https:',
    '',
  ])('refuses %j', async (url) => {
    const { shell, opened } = recordingShell();
    expect(await openExternalSafely(shell, url)).toBe(false);
    expect(opened).toEqual([]);
  });

  it('refuses values that are not strings', async () => {
    const { shell, opened } = recordingShell();
    expect(await openExternalSafely(shell, { toString: () => 'https://x.org' })).toBe(false);
    expect(opened).toEqual([]);
  });

  it('opens https and http links in the system browser', async () => {
    const { shell, opened } = recordingShell();
    expect(await openExternalSafely(shell, 'https://arxiv.org/abs/2508.07662')).toBe(true);
    expect(await openExternalSafely(shell, 'http://example.org/paper.pdf')).toBe(true);
    expect(opened).toEqual(['https://arxiv.org/abs/2508.07662', 'http://example.org/paper.pdf']);
  });
});

describe('suggestedFileName', () => {
  it('keeps a plain name and strips folders and dangerous characters', () => {
    expect(suggestedFileName('papershelf-2026-01-01.bib')).toBe('papershelf-2026-01-01.bib');
    expect(suggestedFileName('../../.bashrc')).toBe('bashrc');
    expect(suggestedFileName('C:\\Windows\\evil.exe')).toBe('evil.exe');
    expect(suggestedFileName('a<b>:c.md')).toBe('a_b__c.md');
    expect(suggestedFileName('...')).toBe('papershelf-export.txt');
  });
});
