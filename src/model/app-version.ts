/**
 * This build's version, read from package.json when first asked. It is two folders up from src/model/,
 * from the CLI bundle's build/cli/ and from the desktop bundle's build/main/; reading it (rather than
 * bundling package.json) keeps the whole manifest, dependency lists included, out of the bundles.
 */
import { readFileSync } from 'node:fs';

let version: string | null = null;

export function appVersion(): string {
  if (version === null) {
    try {
      const json = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
      version = typeof json.version === 'string' ? json.version : 'unknown';
    } catch {
      version = 'unknown';
    }
  }
  return version;
}
