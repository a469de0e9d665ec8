/** The window as a user sees it, by role and accessible name (issue 3 fixes these names). */
import type { Locator, Page } from 'playwright-core';

export const searchBox = (page: Page): Locator => page.getByRole('searchbox', { name: 'Search papers' });
export const paperList = (page: Page): Locator => page.getByRole('listbox', { name: 'Papers' });
export const details = (page: Page): Locator => page.getByRole('region', { name: 'Paper details' });
export const sidebar = (page: Page): Locator => page.getByRole('navigation', { name: 'Library' });
/** The row whose accessible name contains the title. */
export const row = (page: Page, title: string): Locator => paperList(page).getByRole('option', { name: title });
export const starButton = (page: Page): Locator => details(page).getByRole('button', { name: 'Star', exact: true });
export const tagField = (page: Page): Locator => details(page).getByRole('textbox', { name: 'Add tag' });
export const noteField = (page: Page): Locator => details(page).getByRole('textbox', { name: 'Note' });
export const notePreview = (page: Page): Locator => details(page).getByRole('region', { name: 'Note preview' });

/** Waits for rows of the whole library: while older segments load, the list is marked partial and its rows still move. */
/** Rows showing a paper (a row whose page is still being fetched is `aria-busy`). */
export const loadedRows = (page: Page): Locator => paperList(page).locator('[role="option"]:not([aria-busy="true"])');

export async function waitForRows(page: Page): Promise<void> {
  await loadedRows(page).first().waitFor();
  await page.getByRole('status', { name: 'Partial results' }).waitFor({ state: 'detached' });
}

/** Clicks the paper's row and waits until the detail pane shows it. */
export async function openPaper(page: Page, title: string): Promise<void> {
  await row(page, title).first().click();
  await details(page).getByRole('heading', { level: 2, name: title }).waitFor();
}

export async function search(page: Page, query: string): Promise<void> {
  await searchBox(page).fill(query);
}
