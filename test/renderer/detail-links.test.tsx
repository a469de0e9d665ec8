// @vitest-environment node
import './dom-with-core.ts';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_LINK_NOTICE } from '../../renderer/hooks/use-paper-actions.ts';
import { DetailHarness, type HarnessLog } from './detail-harness.tsx';
import type { CoreBridge } from './core-bridge.ts';
import { SAMPLE, sampleBridge } from './core-sample.ts';
import { coreBridge, idOf } from './core-seed.ts';

afterEach(cleanup);

async function show(bridge: CoreBridge, id: string) {
  const log: HarnessLog = { searches: [], notices: [] };
  const user = userEvent.setup();
  render(<DetailHarness bridge={bridge} id={id} log={log} />);
  const detail = await screen.findByRole('region', { name: 'Paper details' });
  await within(detail).findByRole('heading', { level: 2 });
  return { user, log, detail };
}

describe('authors in the detail pane', () => {
  it('makes each author a button that searches for their papers', async () => {
    const { user, log, detail } = await show(await sampleBridge(), SAMPLE.protein);
    await user.click(within(detail).getByRole('button', { name: 'Alan Turing' }));
    await user.click(within(detail).getByRole('button', { name: 'Ada Lovelace' }));
    expect(log.searches).toEqual(['author:"Alan Turing"', 'author:"Ada Lovelace"']);
    expect(detail.querySelector('.detail-authors')?.textContent).toBe('Ada Lovelace, Alan Turing');
  });

  it('says when a listing gave only a count of authors, and links the organisation', async () => {
    const { user, log, detail } = await show(await sampleBridge(), SAMPLE.vision);
    expect(detail.querySelector('.detail-authors')?.textContent).toBe('12 authors — names not in the listing · Some Lab');
    await user.click(within(detail).getByRole('button', { name: 'Some Lab' }));
    expect(log.searches).toEqual(['author:"Some Lab"']);
  });

  it('counts the authors a listing left out and keeps quotes out of the query', async () => {
    const bridge = await coreBridge([{ title: 'Quoted', authors: ['Dwayne "The Rock" Johnson'], authorCount: 9 }]);
    const { user, log, detail } = await show(bridge, idOf({ title: 'Quoted' }));
    expect(detail.querySelector('.detail-authors')?.textContent).toBe('Dwayne "The Rock" Johnson and 8 more');
    await user.click(within(detail).getByRole('button', { name: 'Dwayne "The Rock" Johnson' }));
    expect(log.searches).toEqual(['author:"Dwayne The Rock Johnson"']);
  });
});

describe('dates in the detail pane', () => {
  it('shows a year-only BibTeX date as the year, a full date in full', async () => {
    const bridge = await coreBridge([
      { title: 'Year only', published: '2025-01-01', sources: ['bibtex'] },
      { title: 'Month known', published: '2025-08-01', sources: ['bibtex'] },
      { title: 'Day known', published: '2025-01-01', sources: ['arxiv-atom'] },
    ]);
    const meta = async (title: string) => {
      const { detail } = await show(bridge, idOf({ title }));
      const text = detail.querySelector('.detail-meta')?.textContent ?? '';
      cleanup();
      return text;
    };
    expect(await meta('Year only')).toBe('2025');
    expect(await meta('Month known')).toMatch(/^Aug 2025$/);
    expect(await meta('Day known')).toMatch(/^Jan 1, 2025$/);
  });
});

describe('keys on the selected paper', () => {
  it('r cycles the reading status: to read, reading, read, none', async () => {
    const bridge = await sampleBridge();
    const { user } = await show(bridge, SAMPLE.graphs);
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Reading status' });
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await user.keyboard('r');
      await waitFor(() => expect(bridge.callsOf('setStatus')).toHaveLength(i + 1));
      await waitFor(async () => expect(select.value).toBe(String((await bridge.paper(SAMPLE.graphs)).status ?? '')));
      seen.push(select.value);
    }
    expect(seen).toEqual(['to-read', 'reading', 'read', '']);
  });

  it('o opens the paper page, and on a paper without links says so and searches Hugging Face by title', async () => {
    const bridge = await sampleBridge();
    const first = await show(bridge, SAMPLE.graphs);
    await first.user.keyboard('o');
    expect(bridge.opened).toEqual(['https://example.org/graphs']);
    expect(first.log.notices).toEqual([]);
    cleanup();
    const { user, log } = await show(bridge, SAMPLE.survey);
    await user.keyboard('o');
    expect(bridge.opened.at(-1)).toBe('https://huggingface.co/papers?q=A%20survey%20of%20diffusion%20in%20language%20models');
    expect(log.notices).toEqual([NO_LINK_NOTICE]);
  });
});
