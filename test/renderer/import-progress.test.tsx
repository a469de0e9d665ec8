// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportDialog } from '../../renderer/components/ImportDialog.tsx';
import type { ImportPhase } from '../../renderer/hooks/use-import.ts';

const MB = 1024 * 1024;
const noop = () => {};
const dialog = (phase: ImportPhase) => <ImportDialog phase={phase} start="file" onFile={noop} onText={noop} onRetry={noop} onClose={noop} />;

afterEach(cleanup);

describe('import progress', () => {
  it('counts the bytes read from a large file, then says what it is importing while the core works', () => {
    const { rerender } = render(dialog({ kind: 'reading', name: 'big.bib', loaded: MB, total: 4 * MB }));
    const bar = screen.getByRole('progressbar', { name: 'Import progress' });
    expect(bar.getAttribute('max')).toBe(String(4 * MB));
    expect(bar.getAttribute('value')).toBe(String(MB));
    expect(screen.getByText('1.0 MB of 4.0 MB read (25%)')).toBeTruthy();

    rerender(dialog({ kind: 'reading', name: 'big.bib', loaded: 3 * MB, total: 4 * MB }));
    expect(screen.getByText('3.0 MB of 4.0 MB read (75%)')).toBeTruthy();

    // The core's import reports no progress: an indeterminate bar, with the size it is working through.
    rerender(dialog({ kind: 'importing', name: 'big.bib' }));
    const pending = screen.getByRole('progressbar', { name: 'Import progress' });
    expect(pending.hasAttribute('value')).toBe(false);
    expect(screen.getByText('Importing big.bib (4.0 MB)…')).toBeTruthy();
  });
});
