// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_LINK_NOTICE } from '../../renderer/hooks/use-paper-actions.ts';
import { DetailHarness, type HarnessLog } from './detail-harness.tsx';
import { FakeBridge } from './fake-bridge.ts';
import { sampleBridge } from './sample.ts';

afterEach(cleanup);

async function show(bridge: FakeBridge, id: string) {
  const log: HarnessLog = { searches: [], notices: [] };
  const user = userEvent.setup();
  render(<DetailHarness bridge={bridge} id={id} log={log} />);
  const detail = await screen.findByRole('region', { name: 'Paper details' });
  await within(detail).findByRole('heading', { level: 2 });
  return { user, log, detail };
}

describe('authors in the detail pane', () => {
  it('makes each author a button that searches for their papers', async () => {
    const { user, log, detail } = await show(sampleBridge(), '2508.07662');
    await user.click(within(detail).getByRole('button', { name: 'Alan Turing' }));
    await user.click(within(detail).getByRole('button', { name: 'Ada Lovelace' }));
    expect(log.searches).toEqual(['author:"Alan Turing"', 'author:"Ada Lovelace"']);
    expect(detail.querySelector('.detail-authors')?.textContent).toBe('Ada Lovelace, Alan Turing');
  });

  it('says when a listing gave only a count of authors, and links the organisation', async () => {
    const { user, log, detail } = await show(sampleBridge(), 'p-vision');
    expect(detail.querySelector('.detail-authors')?.textContent).toBe('12 authors — names not in the listing · Some Lab');
    await user.click(within(detail).getByRole('button', { name: 'Some Lab' }));
    expect(log.searches).toEqual(['author:"Some Lab"']);
  });

  it('counts the authors a listing left out and keeps quotes out of the query', async () => {
    const bridge = new FakeBridge([{ id: 'q', title: 'Quoted', authors: ['Dwayne "The Rock" Johnson'], authorCount: 9 }]);
    const { user, log, detail } = await show(bridge, 'q');
    expect(detail.querySelector('.detail-authors')?.textContent).toBe('Dwayne "The Rock" Johnson and 8 more');
    await user.click(within(detail).getByRole('button', { name: 'Dwayne "The Rock" Johnson' }));
    expect(log.searches).toEqual(['author:"Dwayne The Rock Johnson"']);
  });
});

describe('dates in the detail pane', () => {
  it('shows a year-only BibTeX date as the year, a full date in full', async () => {
    const bridge = new FakeBridge([
      { id: 'y', title: 'Year only', published: '2025-01-01', sources: ['bibtex'] },
      { id: 'm', title: 'Month known', published: '2025-08-01', sources: ['bibtex'] },
      { id: 'd', title: 'Day known', published: '2025-01-01', sources: ['arxiv-atom'] },
    ]);
    const meta = async (id: string) => {
      const { detail } = await show(bridge, id);
      const text = detail.querySelector('.detail-meta')?.textContent ?? '';
      cleanup();
      return text;
    };
    expect(await meta('y')).toBe('2025');
    expect(await meta('m')).toMatch(/^Aug 2025$/);
    expect(await meta('d')).toMatch(/^Jan 1, 2025$/);
  });
});

describe('keys on the selected paper', () => {
  it('r cycles the reading status: to read, reading, read, none', async () => {
    const bridge = sampleBridge();
    const { user } = await show(bridge, 'p-graphs');
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Reading status' });
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await user.keyboard('r');
      await waitFor(() => expect(bridge.callsOf('setStatus')).toHaveLength(i + 1));
      await waitFor(() => expect(select.value).toBe(String(bridge.library.annotations.get('p-graphs')?.status ?? '')));
      seen.push(select.value);
    }
    expect(seen).toEqual(['to-read', 'reading', 'read', '']);
  });

  it('o opens the paper page, and on a paper without links says so and searches Hugging Face by title', async () => {
    const bridge = sampleBridge();
    const first = await show(bridge, 'p-graphs');
    await first.user.keyboard('o');
    expect(bridge.opened).toEqual(['https://example.org/graphs']);
    expect(first.log.notices).toEqual([]);
    cleanup();
    const { user, log } = await show(bridge, 'p-survey');
    await user.keyboard('o');
    expect(bridge.opened.at(-1)).toBe('https://huggingface.co/papers?q=A%20survey%20of%20diffusion%20in%20language%20models');
    expect(log.notices).toEqual([NO_LINK_NOTICE]);
  });
});
