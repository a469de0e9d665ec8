// @vitest-environment node
import './dom-with-core.ts';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, selectPaper } from './render-app.tsx';
import { SAMPLE, sampleBridge } from './core-sample.ts';

describe('note editor', () => {
  it('saves once typing pauses, and previews Markdown with math', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    await selectPaper(user, /Graph neural networks/);
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'Key idea: **sampling**, cost $O(n^2)$');
    await waitFor(async () => expect((await bridge.paper(SAMPLE.graphs)).note).toBe('Key idea: **sampling**, cost $O(n^2)$'), { timeout: 3000 });
    expect(bridge.callsOf('setNote')).toEqual([{ id: SAMPLE.graphs, text: 'Key idea: **sampling**, cost $O(n^2)$' }]);
    const preview = screen.getByRole('region', { name: 'Note preview' });
    expect(within(preview).getByText('sampling').tagName).toBe('STRONG');
    expect(preview.querySelector('.katex')).not.toBeNull();
  });

  it('saves at once when the field loses focus and when the page is hidden', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    await selectPaper(user, /Graph neural networks/);
    const note = screen.getByRole('textbox', { name: 'Note' });
    await user.type(note, 'first');
    fireEvent.blur(note);
    expect(bridge.callsOf('setNote')).toEqual([{ id: SAMPLE.graphs, text: 'first' }]);
    await user.type(note, ' second');
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(bridge.callsOf('setNote').map((call) => call.text)).toEqual(['first', 'first second']);
  });

  it('saves the note to its own paper when another paper is selected', async () => {
    const { user, bridge } = await renderApp(await sampleBridge());
    await selectPaper(user, /Graph neural networks/);
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'about graphs');
    await selectPaper(user, /Robust vision transformers/);
    await waitFor(async () => expect((await bridge.paper(SAMPLE.graphs)).note).toBe('about graphs'));
    expect((await bridge.paper(SAMPLE.vision)).note).toBeNull();
  });

  it('renders HTML, scripts and javascript: links in a note inert', async () => {
    const bridge = await sampleBridge();
    await bridge.core('setNote', {
      id: SAMPLE.graphs,
      text:
      [
        '<script>window.pwned = 1</script>',
        '<img src=x onerror="window.pwned = 2">',
        '[click me](javascript:window.pwned=3)',
        '<a href="javascript:window.pwned=4">raw link</a>',
        '[good](https://example.org/ok) ![pic](https://example.org/pic.png)',
      ].join('\n\n'),
    });
    const { user } = await renderApp(bridge);
    await selectPaper(user, /Graph neural networks/);
    const preview = screen.getByRole('region', { name: 'Note preview' });
    expect(preview.querySelector('script, img, iframe, [onerror]')).toBeNull();
    expect([...preview.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://example.org/ok', 'https://example.org/pic.png']);
    expect(preview.textContent).toContain('<script>window.pwned = 1</script>');
    await user.click(within(preview).getByText('click me'));
    await user.click(within(preview).getByText('raw link', { exact: false }));
    expect(bridge.opened).toEqual([]);
    await user.click(within(preview).getByRole('link', { name: 'good' }));
    expect(bridge.opened).toEqual(['https://example.org/ok']);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });
});
