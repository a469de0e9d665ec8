import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARXIV_URL, DEFAULT_HF_URL, sourceConfig, userAgent } from '../../src/sources/source-config.ts';
import { REPO_ROOT } from '../helpers/fixtures.ts';

describe('sourceConfig', () => {
  it('defaults to the public services', () => {
    const config = sourceConfig({}, {});
    expect(config.hfBaseUrl).toBe(DEFAULT_HF_URL);
    expect(config.arxivBaseUrl).toBe(DEFAULT_ARXIV_URL);
    expect(config.arxivIntervalMs).toBe(3000);
  });

  it('takes base URLs from settings, and from the environment above them', () => {
    const settings = { hfBaseUrl: 'http://127.0.0.1:9000/', arxivBaseUrl: 'http://127.0.0.1:9001' };
    expect(sourceConfig(settings, {})).toMatchObject({ hfBaseUrl: 'http://127.0.0.1:9000', arxivBaseUrl: 'http://127.0.0.1:9001' });
    const env = { PAPERSHELF_HF_URL: 'http://127.0.0.1:7000/mirror/', PAPERSHELF_ARXIV_URL: 'http://127.0.0.1:7001' };
    expect(sourceConfig(settings, env)).toMatchObject({ hfBaseUrl: 'http://127.0.0.1:7000/mirror', arxivBaseUrl: 'http://127.0.0.1:7001' });
  });

  it('rejects a base URL that is not http(s) with the setting named', () => {
    expect(() => sourceConfig({}, { PAPERSHELF_HF_URL: 'ftp://example.org' })).toThrow(/PAPERSHELF_HF_URL: .* must start with http/);
    expect(() => sourceConfig({ arxivBaseUrl: 'not a url' }, {})).toThrow(/arxivBaseUrl: "not a url" is not a URL/);
    expect(() => sourceConfig({ timeoutMs: -1 }, {})).toThrow(/timeoutMs/);
  });

  it('names the application, its version and the contact in the User-Agent', () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(userAgent()).toBe(`Papershelf/${version} (desktop reading list; mailto not set)`);
    expect(sourceConfig({ contactEmail: 'me@example.org' }, {}).userAgent).toBe(`Papershelf/${version} (desktop reading list; mailto:me@example.org)`);
  });
});
