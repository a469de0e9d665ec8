/**
 * Renders the whole window against a bridge (the real core: core-bridge.ts). jsdom has no layout, so the list's scroll box is
 * given a height (as a browser would from CSS) and scrollTo moves it, letting the virtualizer work.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll } from 'vitest';
import { App } from '../../renderer/App.tsx';
import type { PapershelfBridge } from '../../src/api/bridge.ts';

export const VIEWPORT_HEIGHT = 600;

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('list-scroll') ? VIEWPORT_HEIGHT : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('list-scroll') ? 480 : 0;
    },
  });
  Element.prototype.scrollTo = function scrollTo(this: Element, options?: ScrollToOptions | number) {
    if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
    this.dispatchEvent(new Event('scroll'));
  } as Element['scrollTo'];
});

afterEach(() => {
  cleanup();
  document.documentElement.removeAttribute('data-theme');
});

export async function renderApp<B extends PapershelfBridge>(bridge: B) {
  const user = userEvent.setup();
  const view = render(<App bridge={bridge} />);
  await screen.findByRole('searchbox', { name: 'Search papers' });
  return { user, bridge, ...view };
}

/** The titles of the list rows currently in the DOM. */
export function rowTitles(): string[] {
  const list = screen.getByRole('listbox', { name: 'Papers' });
  return within(list)
    .queryAllByRole('option')
    .map((option) => option.querySelector('.row-title-text')?.textContent ?? '');
}

export async function selectPaper(user: ReturnType<typeof userEvent.setup>, title: string | RegExp) {
  const option = await screen.findByRole('option', { name: title });
  await user.click(option);
  return screen.findByRole('heading', { level: 2, name: title });
}

/** The text of the elements named by `aria-describedby`. */
export function description(element: HTMLElement): string {
  const ids = element.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}
