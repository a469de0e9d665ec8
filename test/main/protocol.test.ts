import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProtocolHandler } from '../../main/protocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/server/content-security.ts';
import { REPO_ROOT, tempDir } from '../helpers/fixtures.ts';

function handler() {
  const base = tempDir();
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Papershelf</title>');
  writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'private');
  return createProtocolHandler(root);
}

describe('papershelf:// protocol', () => {
  it('serves the window with the CSP and nosniff', async () => {
    const serve = handler();
    const page = await serve(new Request('papershelf://app/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Papershelf</title>');
    const css = await serve(new Request('papershelf://app/assets/app.css'));
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('content-security-policy')).toBeNull();
  });

  it.each(['papershelf://app/%2e%2e/secret.txt', 'papershelf://app/assets/..%2f..%2fsecret.txt', 'papershelf://app/..%5csecret.txt', 'papershelf://other/index.html', 'papershelf://app/missing.js'])(
    'answers 404 for %s',
    async (url) => {
      const response = await handler()(new Request(url));
      expect(response.status).toBe(404);
    },
  );

  it('refuses methods other than GET and HEAD', async () => {
    expect((await handler()(new Request('papershelf://app/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it("serves the welcome screen's sample listing from the built window (npm run build:renderer)", async () => {
    const built = join(REPO_ROOT, 'build', 'renderer');
    expect(existsSync(join(built, 'index.html')), 'the window is not built: run npm run build:renderer').toBe(true);
    const response = await createProtocolHandler(built)(new Request('papershelf://app/samples/hf-papers-page.txt'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect((await response.text()) === readFileSync(join(REPO_ROOT, 'assets', 'samples', 'hf-papers-page.txt'), 'utf8')).toBe(true);
  });
});
