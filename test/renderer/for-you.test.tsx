// @vitest-environment node
import './dom-with-core.ts';
// The For you view against the real core: recommendations in rank order with their reasons, the cold
// start, "Not interested" (x and the detail pane's button) with Undo, and the badge after an import.
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { COLD_START_TEXT } from '../../renderer/components/ForYouPane.tsx';
import { ROW_HEIGHT } from '../../renderer/components/PaperList.tsx';
import { backupOf, coreBridge, idOf, type SeedPaper } from './core-seed.ts';
import { topicPapers, type Topic } from './for-you-corpus.ts';
import { description, renderApp, rowTitles } from './render-app.tsx';

const corpus = topicPapers(12);
const titlesOf = (topic: Topic) => new Set(corpus.filter((paper) => paper.topic === topic).map((paper) => paper.title));

/** The corpus with the first `count` attention papers starred (the user's positives). */
function withStars(count: number, extra: (paper: SeedPaper & { topic: Topic }) => Partial<SeedPaper> = () => ({})): SeedPaper[] {
  let starred = 0;
  return corpus.map((paper) => {
    const { topic: _topic, ...fields } = paper;
    const star = paper.topic === 'attention' && starred < count;
    if (star) starred += 1;
    return { ...fields, ...(star ? { starred: true } : {}), ...extra(paper) };
  });
}

const starredTitles = (seeds: SeedPaper[]) => seeds.filter((paper) => paper.starred).map((paper) => paper.title);

async function openForYou(user: Awaited<ReturnType<typeof renderApp>>['user'], name = 'For you') {
  await user.click(await screen.findByRole('button', { name }));
  await screen.findByRole('heading', { level: 2, name });
}

/** The reason lines of the rows in the DOM, in list order. */
function reasons(): string[] {
  const list = screen.getByRole('listbox', { name: 'Papers' });
  return within(list)
    .queryAllByRole('option')
    .map((option) => option.querySelector('.row-reason')?.textContent ?? '');
}

describe('the For you view', () => {
  it('lists papers like the starred ones first, each with the starred paper it follows from and its words', async () => {
    const seeds = withStars(4);
    const { user } = await renderApp(await coreBridge(seeds));
    await openForYou(user);
    const attention = titlesOf('attention');
    await waitFor(() => expect(rowTitles().length).toBeGreaterThan(8));
    const top = rowTitles().slice(0, 8);
    // Upvotes would put protein papers first; the stars put the rest of the attention topic there.
    expect(top.filter((title) => attention.has(title))).toEqual(top);
    expect(top.some((title) => starredTitles(seeds).includes(title))).toBe(false);
    const first = reasons()[0] ?? '';
    expect(first).toMatch(/^Because you starred /);
    expect(first).toContain(' — ');
    // The line names the starred paper (shortened to fit); its tooltip names it whole.
    const line = screen.getByRole('listbox', { name: 'Papers' }).querySelector('.row-reason');
    const whole = line?.getAttribute('title') ?? '';
    const named = starredTitles(seeds).find((title) => whole.includes(title));
    expect(named).toBeDefined();
    // The titles are emphasized text, never markup.
    const emphasized = line?.querySelector('em')?.textContent ?? '';
    expect(emphasized.length).toBeGreaterThan(10);
    expect(starredTitles(seeds).some((title) => title.startsWith(emphasized.replace(/…$/, '')))).toBe(true);
    expect(screen.queryByText(new RegExp(COLD_START_TEXT))).toBeNull();
  });

  it('with fewer than three papers to learn from, says how to teach it and lists papers by upvotes', async () => {
    const seeds = withStars(1);
    const { user } = await renderApp(await coreBridge(seeds));
    await openForYou(user);
    expect(await screen.findByText(/Star or tag a few papers you like — For you learns from them/)).toBeTruthy();
    await waitFor(() => expect(rowTitles().length).toBeGreaterThan(3));
    const protein = titlesOf('protein');
    const byUpvotes = corpus
      .filter((paper) => protein.has(paper.title))
      .sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0))
      .map((paper) => paper.title);
    expect(rowTitles().slice(0, 3)).toEqual(byUpvotes.slice(0, 3));
  });

  it('offers "More like <tag>" for a tag with enough papers, ranked by that tag', async () => {
    const seeds = withStars(0, (paper) => (paper.topic === 'robotics' && /study [0-3]:/.test(paper.title) ? { tags: ['robots'] } : {}));
    const { user } = await renderApp(await coreBridge(seeds));
    await openForYou(user, 'More like robots');
    await waitFor(() => expect(rowTitles().length).toBeGreaterThan(5));
    const robotics = titlesOf('robotics');
    const top = rowTitles().slice(0, 5);
    expect(top.filter((title) => robotics.has(title))).toEqual(top);
    expect(reasons()[0]).toMatch(/^Because you tagged /);
  });

  it('x leaves the paper out of For you at once, Undo brings it back, and it is listed under Not interested', async () => {
    const seeds = withStars(4);
    const { user, bridge } = await renderApp(await coreBridge(seeds));
    await openForYou(user);
    await waitFor(() => expect(rowTitles().length).toBeGreaterThan(8));
    const [first, second] = rowTitles();
    if (!first || !second) throw new Error('For you listed fewer than two papers');
    await user.click(screen.getByRole('option', { name: new RegExp(escape(first)) }));
    await user.keyboard('x');
    await waitFor(() => expect(rowTitles()).not.toContain(first));
    expect((await bridge.paper(idOf({ title: first }))).status).toBe('dismissed');
    // The focus stays where the paper was: on the next one.
    await waitFor(() => expect(document.querySelector('.detail-title')?.textContent).toBe(second));
    await screen.findByRole('button', { name: 'Undo' });

    // The detail pane's button does the same for the paper it shows; the toast's Undo brings it back.
    const detail = screen.getByRole('region', { name: 'Paper details' });
    await user.click(within(detail).getByRole('button', { name: 'Not interested' }));
    await waitFor(() => expect(rowTitles()).not.toContain(second));
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(rowTitles()).toContain(second));
    expect((await bridge.paper(idOf({ title: second }))).status).toBe(null);
    // The first one is the next step down the undo stack.
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(rowTitles()).toContain(first));
    expect((await bridge.paper(idOf({ title: first }))).status).toBe(null);

    // Dismissed papers can be found again under the status "Not interested".
    await user.click(screen.getByRole('option', { name: new RegExp(escape(first)) }));
    await user.keyboard('x');
    await waitFor(() => expect(rowTitles()).not.toContain(first));
    await user.click(within(screen.getByRole('navigation', { name: 'Library' })).getByRole('button', { name: 'Not interested' }));
    await waitFor(() => expect(rowTitles()).toEqual([first]));
  });

  it('x on several selected papers dismisses them all in one step, and one Undo brings them all back', async () => {
    const { user, bridge } = await renderApp(await coreBridge(withStars(4)));
    await openForYou(user);
    await waitFor(() => expect(rowTitles().length).toBeGreaterThan(8));
    const chosen = rowTitles().slice(0, 3);
    await user.click(screen.getByRole('option', { name: new RegExp(escape(chosen[0] ?? '')) }));
    const selected = () => within(screen.getByRole('listbox', { name: 'Papers' })).queryAllByRole('option', { selected: true });
    for (const count of [2, 3]) {
      await user.keyboard('{Shift>}j{/Shift}');
      await waitFor(() => expect(selected()).toHaveLength(count));
    }
    await user.keyboard('x');
    await waitFor(() => expect(rowTitles().filter((title) => chosen.includes(title))).toEqual([]));
    for (const title of chosen) expect((await bridge.paper(idOf({ title }))).status).toBe('dismissed');
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(rowTitles().slice(0, 3)).toEqual(chosen));
    for (const title of chosen) expect((await bridge.paper(idOf({ title }))).status).toBe(null);
  });

  it('follows stars made elsewhere without losing its scroll position or the selected paper', async () => {
    const seeds = withStars(4);
    const { user, bridge } = await renderApp(await coreBridge(seeds));
    await openForYou(user);
    await waitFor(() => expect(rowTitles().length).toBeGreaterThan(8));
    const list = screen.getByRole('listbox', { name: 'Papers' });
    await act(async () => {
      list.scrollTop = 12 * ROW_HEIGHT;
      list.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => expect(rowTitles().length).toBeGreaterThan(0));
    const shown = rowTitles();
    const chosen = shown[Math.floor(shown.length / 2)];
    const other = shown.find((title) => title !== chosen && !rowTitles().slice(0, 2).includes(title));
    if (!chosen || !other) throw new Error('For you showed too few papers');
    await user.click(screen.getByRole('option', { name: new RegExp(escape(chosen)) }));
    await screen.findByRole('heading', { level: 2, name: chosen });
    const top = list.scrollTop;
    // Another window stars a paper of the list: starred papers are not recommended, so it leaves.
    await bridge.core('setStar', { id: idOf({ title: other }), starred: true });
    await waitFor(() => expect(rowTitles()).not.toContain(other));
    expect(list.scrollTop).toBe(top);
    expect(top).toBeGreaterThan(0);
    expect(screen.getByRole('option', { name: new RegExp(escape(chosen)) }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('heading', { level: 2, name: chosen })).toBeTruthy();
  });

  it('lists x in the keyboard shortcuts', async () => {
    const { user } = await renderApp(await coreBridge(withStars(0)));
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const row = within(dialog).getByRole('rowheader', { name: 'x' }).closest('tr');
    expect(row?.textContent).toMatch(/Not interested/);
  });

  it('shows a badge with the new papers ranked for the user after an import, gone once For you is opened', async () => {
    const seeds = withStars(4);
    const { user, bridge } = await renderApp(await coreBridge(seeds));
    const entry = await screen.findByRole('button', { name: 'For you' });
    await openForYou(user);
    await user.click(screen.getByRole('button', { name: 'All papers' }));
    expect(description(entry)).toBe('');
    const fresh = topicPapers(14, ['attention']).slice(12).map(({ topic: _topic, ...paper }) => ({ ...paper, title: `Fresh ${paper.title}` }));
    await bridge.core('importText', { text: backupOf(fresh), format: 'json' });
    await waitFor(() => expect(description(screen.getByRole('button', { name: 'For you' }))).toMatch(/^\d+ new papers? ranked for you$/));
    await openForYou(user);
    await waitFor(() => expect(description(screen.getByRole('button', { name: 'For you' }))).toBe(''));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
