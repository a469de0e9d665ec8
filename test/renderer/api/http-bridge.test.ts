// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { takeAccessToken } from '../../../renderer/api/access-token.ts';
import { getBridge } from '../../../renderer/api/get-bridge.ts';
import { createHttpBridge } from '../../../renderer/api/http-bridge.ts';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('access token', () => {
  it('moves the token from the address into session storage', () => {
    window.history.replaceState(null, '', '/app?token=s3cret&x=1#top');
    expect(takeAccessToken()).toBe('s3cret');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#top');
    expect(window.sessionStorage.getItem('papershelf.token')).toBe('s3cret');
    expect(takeAccessToken()).toBe('s3cret');
  });
});

describe('HTTP bridge', () => {
  it('posts each operation with the token and returns the core’s answer', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { ok: true, value: { total: 0, results: [] } }));
    const bridge = createHttpBridge({ token: 'tok', fetch });
    expect(await bridge.listPapers({ starred: true, limit: 50 })).toEqual({ ok: true, value: { total: 0, results: [] } });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/listPapers');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['X-Papershelf-Token']).toBe('tok');
    expect(JSON.parse(init.body as string)).toEqual({ starred: true, limit: 50 });
  });

  it('names its page and numbers its searches, so the server can drop a superseded one', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { ok: true, value: { total: 0, results: [] } }));
    const bridge = createHttpBridge({ token: 'tok', fetch });
    const other = createHttpBridge({ token: 'tok', fetch });
    await bridge.search({ query: 'spars', limit: 100 });
    await bridge.search({ query: 'spars', offset: 100, limit: 100 });
    await bridge.search({ query: 'sparse', limit: 100 });
    await other.search({ query: 'sparse', limit: 100 });
    await bridge.listPapers({ limit: 100 });
    const headers = fetch.mock.calls.map((call) => (call as unknown as [string, RequestInit])[1].headers as Record<string, string>);
    expect(headers.slice(0, 3).map((h) => h['X-Papershelf-Seq'])).toEqual(['1', '1', '2']);
    expect(new Set(headers.slice(0, 3).map((h) => h['X-Papershelf-Tab'])).size).toBe(1);
    expect(headers[3]!['X-Papershelf-Tab']).not.toBe(headers[0]!['X-Papershelf-Tab']);
    expect(headers[3]!['X-Papershelf-Seq']).toBe('1');
    expect(headers[4]!['X-Papershelf-Seq']).toBeUndefined();
  });

  it('passes typed errors through and turns transport failures into typed errors', async () => {
    const answers = [
      jsonResponse(400, { ok: false, error: { code: 'bad-query', message: 'query "title:" needs a word' } }),
      jsonResponse(403, { error: 'forbidden' }),
      new Response('<html>oops</html>', { status: 500 }),
    ];
    const bridge = createHttpBridge({ token: 'tok', fetch: async () => answers.shift() ?? Promise.reject(new TypeError('Failed to fetch')) });
    expect(await bridge.search({ query: 'title:' })).toEqual({ ok: false, error: { code: 'bad-query', message: 'query "title:" needs a word' } });
    expect(await bridge.stats({})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await bridge.stats({})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await bridge.stats({})).toMatchObject({ ok: false, error: { code: 'offline' } });
  });

  it('opens only http(s) links, in a new window without opener', async () => {
    const opened: string[] = [];
    const bridge = createHttpBridge({ token: null, openWindow: (url) => opened.push(url) });
    expect(await bridge.openExternal('javascript:alert(1)')).toBe(false);
    expect(await bridge.openExternal('file:///etc/passwd')).toBe(false);
    expect(await bridge.openExternal('https://arxiv.org/abs/2508.07662')).toBe(true);
    expect(opened).toEqual(['https://arxiv.org/abs/2508.07662']);

    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    await createHttpBridge({ token: null }).openExternal('https://example.org/');
    expect(open).toHaveBeenCalledWith('https://example.org/', '_blank', 'noopener,noreferrer');
    open.mockRestore();
  });

  it('saves exports as a download', async () => {
    const downloads: Array<{ name: string; blob: Blob }> = [];
    const bridge = createHttpBridge({ token: null, download: (name, blob) => downloads.push({ name, blob }) });
    expect(await bridge.saveFile('papers.bib', '@misc{x}', 'application/x-bibtex')).toBe(true);
    expect(downloads[0]?.name).toBe('papers.bib');
    expect(downloads[0]?.blob.type).toBe('application/x-bibtex');
    expect(downloads[0]?.blob.size).toBe(8);
  });

  it('prefers the Electron preload’s bridge when there is one', () => {
    // Any bridge object stands for the preload's; only its identity matters here.
    const preload = createHttpBridge({ token: 'from-the-preload' });
    window.papershelf = preload;
    expect(getBridge()).toBe(preload);
    delete window.papershelf;
    expect(getBridge()).not.toBe(preload);
  });
});
