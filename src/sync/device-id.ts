import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/*
 * A device id names a folder (`sync/devices/<id>/`) on every file system a sync tool may carry it to,
 * so it is lower-case (case-insensitive file systems would merge `Laptop` and `laptop`), ASCII letters,
 * digits and `-`/`_`, never a Windows reserved name, and short enough for long paths.
 */

const DEVICE_ID_PATTERN = /^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$/;
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

export function isDeviceId(value: unknown): value is string {
  return typeof value === 'string' && DEVICE_ID_PATTERN.test(value) && !WINDOWS_RESERVED.test(value);
}

/** Why `value` cannot be a device id, in one line, or null when it can. */
export function deviceIdProblem(value: string): string | null {
  if (DEVICE_ID_PATTERN.test(value) && !WINDOWS_RESERVED.test(value)) return null;
  if (value.length === 0 || value.length > 64) return 'a device id has 1 to 64 characters';
  if (WINDOWS_RESERVED.test(value)) return `"${value}" is a reserved file name on Windows`;
  return 'a device id uses lower-case letters, digits, "-" and "_", and starts and ends with a letter or digit';
}

/** `laptop-3f9a1c`: the host name makes `devices` readable, the random part keeps two hosts apart. */
export function newDeviceId(host: string = hostname()): string {
  const slug = host
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const suffix = randomBytes(4).toString('hex');
  return slug === '' || WINDOWS_RESERVED.test(slug) ? `device-${suffix}` : `${slug}-${suffix}`;
}
