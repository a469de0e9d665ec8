// @vitest-environment node
import './dom-with-core.ts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './render-app.tsx';
import { sampleBridge } from './core-sample.ts';
import { coreBridge } from './core-seed.ts';

const sources = () => screen.getByRole('region', { name: 'Sources' });
const followDialog = () => screen.getByRole('dialog', { name: 'Follow a source' });
const followed = () =>
  within(sources())
    .queryAllByRole('listitem')
    .filter((item) => item.classList.contains('follow-item'))
    .map((item) => item.querySelector('.follow-label')?.textContent);

describe('sources: following', () => {
  it('follows and unfollows Hugging Face Daily Papers', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    expect(await within(sources()).findByText('Nothing followed yet.')).toBeTruthy();
    expect(within(sources()).getByRole('button', { name: 'Refresh sources' })).toHaveProperty('disabled', true);

    await user.click(within(sources()).getByRole('button', { name: 'Follow a source…' }));
    await user.click(within(followDialog()).getByRole('button', { name: 'Follow Hugging Face Daily Papers' }));
    await waitFor(() => expect(followed()).toEqual(['Hugging Face Daily Papers']));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((await bridge.core('listFollows', {})).follows.map((follow) => follow.id)).toEqual(['hf-daily']);
    const item = within(sources()).getByText('Hugging Face Daily Papers').closest('li')!;
    expect(item.textContent).toContain('Not fetched yet');
    expect(item.textContent).toContain('next refresh fetches the last 7 days');
    // Followed already: refresh has something to fetch, and the form says so instead of offering it again.
    expect(within(sources()).getByRole('button', { name: 'Refresh sources' })).toHaveProperty('disabled', false);
    await user.click(within(sources()).getByRole('button', { name: 'Follow a source…' }));
    expect(within(followDialog()).queryByRole('button', { name: 'Follow Hugging Face Daily Papers' })).toBeNull();
    expect(within(followDialog()).getByText('Already followed.')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(within(sources()).getByRole('button', { name: 'Unfollow Hugging Face Daily Papers' }));
    await waitFor(() => expect(followed()).toEqual([]));
    expect((await bridge.core('listFollows', {})).follows).toEqual([]);
    await user.click(within(sources()).getByRole('button', { name: 'Follow a source…' }));
    expect(within(followDialog()).getByRole('button', { name: 'Follow Hugging Face Daily Papers' })).toBeTruthy();
  });

  it('follows an arXiv query typed in the form and unfollows it', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    await user.click(within(sources()).getByRole('button', { name: 'Follow a source…' }));
    const field = within(followDialog()).getByRole('textbox', { name: 'arXiv query' });
    expect(document.activeElement).toBe(field);
    await user.type(field, '  cat:cs.LG   AND all:reward ');
    await user.click(within(followDialog()).getByRole('button', { name: 'Follow' }));

    const label = 'arXiv "cat:cs.LG AND all:reward"';
    await waitFor(() => expect(followed()).toEqual([label]));
    expect(bridge.callsOf('follow')).toEqual([{ kind: 'arxiv', query: '  cat:cs.LG   AND all:reward ' }]);
    expect((await bridge.core('listFollows', {})).follows[0]?.query).toBe('cat:cs.LG AND all:reward');
    expect(within(sources()).getByText(label).closest('li')!.textContent).toContain('next refresh fetches the newest 100 results');
    // Accepted: the dialog closed and focus went back to the button that opened it.
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(within(sources()).getByRole('button', { name: 'Follow a source…' }));

    await user.click(within(sources()).getByRole('button', { name: `Unfollow ${label}` }));
    await waitFor(() => expect(followed()).toEqual([]));
    expect((await bridge.core('listFollows', {})).follows).toEqual([]);
  });

  it('shows the core’s message when it refuses a follow, and keeps what was typed', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    await user.click(within(sources()).getByRole('button', { name: 'Follow a source…' }));
    const field = within(followDialog()).getByRole('textbox', { name: 'arXiv query' });
    await user.type(field, '   ');
    await user.click(within(followDialog()).getByRole('button', { name: 'Follow' }));
    const alert = await within(followDialog()).findByRole('alert');
    expect(alert.textContent).toContain('the arXiv query is empty');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect((await bridge.core('listFollows', {})).follows).toEqual([]);
    expect((field as HTMLInputElement).value).toBe('   ');

    // Closing the form drops the message with it; it is not left behind in the sidebar.
    await user.click(within(followDialog()).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(sources()).queryByRole('alert')).toBeNull();
  });

  it('shows follows added elsewhere (another window, the command line)', async () => {
    const bridge = await coreBridge();
    await renderApp(bridge);
    await within(sources()).findByText('Nothing followed yet.');
    await bridge.core('follow', { kind: 'arxiv', query: 'all:diffusion' });
    await waitFor(() => expect(followed()).toEqual(['arXiv "all:diffusion"']));
    await bridge.core('follow', { kind: 'hf-daily', since: '2026-06-01' });
    await waitFor(() => expect(followed()).toEqual(['arXiv "all:diffusion"', 'Hugging Face Daily Papers']));
    expect(within(sources()).getByText('Hugging Face Daily Papers').closest('li')!.textContent).toContain('next refresh fetches 2026-06-01 through today');
  });
});
