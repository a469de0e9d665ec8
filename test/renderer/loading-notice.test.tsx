// @vitest-environment node
import './dom-with-core.ts';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Stats } from '../../renderer/api/types.ts';
import { renderApp } from './render-app.tsx';
import { sampleBridge } from './core-sample.ts';

describe('a library still loading its older segments', () => {
  it('says how far loading got, follows its progress, and goes away once everything is in', async () => {
    const bridge = await sampleBridge();
    // The core's own loading ends within milliseconds at this size: its stats are given the loading states.
    const loading = (state: Stats['loading']) => bridge.adjust('stats', (stats) => ({ ...stats, loading: state }));
    loading({ segmentsLoaded: 1, segments: 4, papersLoaded: 2500, papers: 10000 });
    await renderApp(bridge);
    const notice = await screen.findByRole('status', { name: 'Library loading' });
    expect(notice.textContent).toMatch(/2,500 of 10,000 papers \(25%\)/);
    loading({ segmentsLoaded: 3, segments: 4, papersLoaded: 7500, papers: 10000 });
    await waitFor(() => expect(screen.getByRole('status', { name: 'Library loading' }).textContent).toMatch(/7,500 of 10,000/), { timeout: 3000 });
    loading(null);
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Library loading' })).toBeNull(), { timeout: 3000 });
  });
});
