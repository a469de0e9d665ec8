import { describe, expect, it } from 'vitest';
import { externalUrl, isExternalUrl } from '../../src/api/external-url.ts';

describe('externalUrl', () => {
  it.each([
    ['https://arxiv.org/abs/2508.07662', 'https://arxiv.org/abs/2508.07662'],
    ['http://example.org', 'http://example.org/'],
    ['HTTPS://Example.org/a?b=c#d', 'https://example.org/a?b=c#d'],
  ])('opens %s', (input, expected) => {
    expect(externalUrl(input)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'papershelf://app/index.html',
    '/relative/path',
    '//example.org/protocol-relative',
    'https://',
    ' https://example.org',
    'https://example.org/\n',
    '',
  ])('refuses %j', (input) => {
    expect(externalUrl(input)).toBeNull();
    expect(isExternalUrl(input)).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(externalUrl(null)).toBeNull();
    expect(externalUrl({ href: 'https://example.org' })).toBeNull();
  });
});
