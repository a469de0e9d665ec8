/**
 * Abstracts come from the web and notes may be pasted from anywhere: markup in them must render as
 * inert text. A hostile paper (markup in title, abstract, authors; `javascript:` and `file:` links)
 * and a hostile note are shown, and nothing may run: no dialog, no event-handler attribute, no
 * `javascript:` link, no script, frame or object element, before and after a reload.
 */
import './e2e-setup.ts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { details, noteField, notePreview, openPaper, search, waitForRows } from './app-page.ts';
import { openPage } from './chromium.ts';
import { useServedApp } from './served-app.ts';
import { api } from './e2e-library.ts';

const HOSTILE_TITLE = 'Hostile Paper <img src=x onerror="window.__pwned=1;alert(1)">';

const HOSTILE_LISTING = JSON.stringify([
  {
    paper: {
      id: '2601.99999',
      title: HOSTILE_TITLE,
      summary:
        'An abstract with <script>window.__pwned=2;alert(2)</script> and <b onmouseover="alert(3)">bold</b> ' +
        'and math $\\href{javascript:alert(4)}{click}$ and $x^2$.',
      authors: [{ name: '<svg onload="alert(5)">Mallory' }],
      publishedAt: '2026-01-02T00:00:00.000Z',
      upvotes: 1,
      githubRepo: 'javascript:alert(6)',
      projectPage: 'file:///etc/passwd',
    },
  },
]);

const HOSTILE_NOTE = [
  '<script>window.__pwned = 3; alert("script")</script>',
  '',
  '<img src="x" onerror="window.__pwned = 4; alert(\'img\')">',
  '',
  '[click me](javascript:alert("link"))  [raw](JaVaScRiPt:alert(1)) [file](file:///etc/passwd) [data](data:text/html,<script>alert(1)</script>)',
  '',
  '<a href="javascript:alert(7)">html link</a> <iframe src="javascript:alert(8)"></iframe> <svg onload="alert(9)"></svg>',
  '',
  '<object data="javascript:alert(10)"></object> <form action="javascript:alert(11)"><button>go</button></form>',
  '',
  'Math with a link: $\\href{javascript:alert(12)}{x}$ and plain **bold**.',
].join('\n');

const app = useServedApp({
  fixtures: ['arxiv-query-testing.xml'],
  prepare: async ({ serve }) => {
    await api(serve, 'importText', { text: HOSTILE_LISTING, format: 'hf-json' });
  },
  timeoutMs: 120_000,
});

/**
 * Everything in the document that could run code or leave the app. Page code as text, because the
 * tests' TypeScript has no DOM library (src/ must not see one).
 */
const DANGEROUS_MARKUP = `(() => {
  const all = [...document.querySelectorAll('*')];
  const handlers = all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => el.tagName + '[' + a.name + ']'));
  const badLinks = all
    .flatMap((el) => ['href', 'src', 'action', 'data', 'formaction', 'xlink:href'].map((name) => el.getAttribute(name) || ''))
    .filter((value) => /^\\s*(javascript:|vbscript:|data:text\\/html|file:)/i.test(value));
  return {
    handlers,
    badLinks,
    scriptsInBody: document.body.querySelectorAll('script').length,
    embedded: document.querySelectorAll('iframe, object, embed, frame, form[action]').length,
    pwned: window.__pwned ?? null,
  };
})()`;

function dangerousMarkup(page: Page): Promise<unknown> {
  return page.evaluate(DANGEROUS_MARKUP);
}

const INERT = { handlers: [], badLinks: [], scriptsInBody: 0, embedded: 0, pwned: null };

describe('untrusted text renders inert', { timeout: 60_000 }, () => {
  it('a hostile abstract and a hostile note run nothing, before and after a reload', async () => {
    const { page, dialogs, errors } = await openPage(app.browser, app.serve.url);
    await waitForRows(page);
    await search(page, 'hostile');
    await openPaper(page, 'Hostile Paper');
    // The markup is shown as the text it is.
    expect(await details(page).getByRole('heading', { level: 2 }).textContent()).toContain('<img src=x onerror=');

    await noteField(page).fill(HOSTILE_NOTE);
    await notePreview(page).locator('strong', { hasText: 'bold' }).waitFor();
    // Clicking what was written as links (and the paper's hostile GitHub link) must do nothing.
    for (const text of ['click me', 'raw', 'file', 'data']) await notePreview(page).getByText(text, { exact: true }).click();
    await details(page).getByRole('list', { name: 'Links' }).getByText('GitHub').click();
    expect(await dangerousMarkup(page)).toEqual(INERT);

    await expect.poll(async () => (await api<{ note: string | null }>(app.serve, 'getPaper', { id: '2601.99999' })).note).toBe(HOSTILE_NOTE);
    await page.reload();
    await waitForRows(page);
    await search(page, 'hostile');
    await openPaper(page, 'Hostile Paper');
    await notePreview(page).locator('strong', { hasText: 'bold' }).waitFor();
    await page.getByText('Mallory').first().hover();
    expect(await dangerousMarkup(page)).toEqual(INERT);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    // Still on our page: no link navigated the window away.
    expect(new URL(page.url()).origin).toBe(app.serve.origin);
  });
});
