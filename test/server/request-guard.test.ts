import { describe, expect, it } from 'vitest';
import {
  checkOrigin,
  checkToken,
  createAccessToken,
  isAllowedHost,
  isAllowedOrigin,
  tokenMatches,
} from '../../src/server/request-guard.ts';

describe('request guard', () => {
  it('accepts only our own address as Host (DNS rebinding sends the attacker name)', () => {
    expect(isAllowedHost('127.0.0.1:4321', 4321)).toBe(true);
    expect(isAllowedHost('LOCALHOST:4321', 4321)).toBe(true);
    expect(isAllowedHost('127.0.0.1:4322', 4321)).toBe(false);
    expect(isAllowedHost('evil.example:4321', 4321)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 4321)).toBe(false);
    expect(isAllowedHost('[::1]:4321', 4321)).toBe(false);
    expect(isAllowedHost(undefined, 4321)).toBe(false);
  });

  it('accepts no Origin or our own, and refuses every other (including "null" and other localhost ports)', () => {
    expect(isAllowedOrigin(undefined, 80)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:80', 80)).toBe(true);
    expect(isAllowedOrigin('http://localhost:80', 80)).toBe(true);
    expect(isAllowedOrigin('null', 80)).toBe(false);
    expect(isAllowedOrigin('http://localhost:3000', 80)).toBe(false);
    expect(isAllowedOrigin('https://127.0.0.1:80', 80)).toBe(false);
    expect(isAllowedOrigin('http://evil.example', 80)).toBe(false);
  });

  it('refuses same-site and cross-site API calls even when the Origin header is missing', () => {
    const base = { host: '127.0.0.1:9' };
    expect(checkOrigin({ ...base, 'sec-fetch-site': 'same-origin' }, 9, true)).toBeNull();
    expect(checkOrigin({ ...base, 'sec-fetch-site': 'none' }, 9, true)).toBeNull();
    expect(checkOrigin({ ...base, 'sec-fetch-site': 'same-site' }, 9, true)?.status).toBe(403);
    expect(checkOrigin({ ...base, 'sec-fetch-site': 'cross-site' }, 9, true)?.status).toBe(403);
    // Following a link to the window from another site is allowed; the Host still must be ours.
    expect(checkOrigin({ ...base, 'sec-fetch-site': 'cross-site' }, 9, false)).toBeNull();
    expect(checkOrigin({ host: 'evil.example:9' }, 9, false)?.status).toBe(403);
  });

  it('makes long unguessable tokens and compares them exactly', () => {
    const token = createAccessToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createAccessToken()).not.toBe(token);
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token.slice(1), token)).toBe(false);
    expect(tokenMatches(`${token}x`, token)).toBe(false);
    expect(tokenMatches('', token)).toBe(false);
    expect(tokenMatches(null, token)).toBe(false);
    expect(checkToken(undefined, token)?.status).toBe(401);
    expect(checkToken(token, token)).toBeNull();
  });
});
