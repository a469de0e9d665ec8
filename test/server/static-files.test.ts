import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveStaticFile, safeRelativePath } from '../../src/server/static-files.ts';
import { tempDir } from '../helpers/fixtures.ts';

function buildFolder(): { root: string; outside: string } {
  const base = tempDir();
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Papershelf</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'KaTeX_Main-Regular.woff2'), 'font');
  const outside = join(base, 'secret.txt');
  writeFileSync(outside, 'private');
  symlinkSync(outside, join(root, 'leak.txt'));
  symlinkSync(base, join(root, 'up'));
  return { root, outside };
}

describe('resolveStaticFile', () => {
  it('serves index.html for / and files by path with their MIME type', async () => {
    const { root } = buildFolder();
    expect(await resolveStaticFile(root, '/')).toMatchObject({ path: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    const js = await resolveStaticFile(root, '/assets/index-abc.js');
    expect(js).toMatchObject({ contentType: 'text/javascript; charset=utf-8', size: 14 });
    expect((await resolveStaticFile(root, '/assets/KaTeX_Main-Regular.woff2'))?.contentType).toBe('font/woff2');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2E%2E/%2E%2E/secret.txt',
    '/..%5csecret.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('refuses the escape %s', async (path) => {
    const { root } = buildFolder();
    expect(await resolveStaticFile(root, path)).toBeNull();
  });

  it('refuses symlinks that lead outside the folder', async () => {
    const { root } = buildFolder();
    expect(await resolveStaticFile(root, '/leak.txt')).toBeNull();
    expect(await resolveStaticFile(root, '/up/secret.txt')).toBeNull();
  });

  it('answers null for missing files and folders', async () => {
    const { root } = buildFolder();
    expect(await resolveStaticFile(root, '/missing.js')).toBeNull();
    expect(await resolveStaticFile(root, '/assets')).toBeNull();
    expect(await resolveStaticFile(join(root, 'nope'), '/')).toBeNull();
  });
});

describe('safeRelativePath', () => {
  it('keeps ordinary paths and maps folders to their index.html', () => {
    expect(safeRelativePath('/assets/a%20b.css')).toBe('assets/a b.css');
    expect(safeRelativePath('/docs/')).toBe('docs/index.html');
    expect(safeRelativePath('//assets//x.js')).toBe('assets/x.js');
  });
});

describe('contentTypeFor', () => {
  it('never lets an unknown file pass as something executable', () => {
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
    expect(contentTypeFor('A.SVG')).toBe('image/svg+xml');
  });
});
