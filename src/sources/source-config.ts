/**
 * Where and how Papershelf fetches. Every base URL can be changed — in settings, or by
 * `PAPERSHELF_HF_URL` / `PAPERSHELF_ARXIV_URL`, which win — so tests and mirrors need no code change.
 */
import { appVersion } from '../model/app-version.ts';
import { PapershelfError } from '../model/errors.ts';
import { ARXIV_INTERVAL_MS } from './rate-limiter.ts';

export const DEFAULT_HF_URL = 'https://huggingface.co';
export const DEFAULT_ARXIV_URL = 'https://export.arxiv.org';

export interface SourceConfig {
  hfBaseUrl: string;
  arxivBaseUrl: string;
  /** Minimum spacing between two arXiv requests. */
  arxivIntervalMs: number;
  /** Limit for one request, body included. */
  timeoutMs: number;
  /** Further attempts after a 429, a 5xx, a timeout or a dropped connection. */
  retries: number;
  userAgent: string;
}

/** The settings a user may store; anything missing takes its default. */
export type SourceSettings = Partial<Omit<SourceConfig, 'userAgent'>> & { contactEmail?: string };

/** arXiv asks API clients to say who they are; a contact address is added when the user gives one. */
export function userAgent(contactEmail?: string): string {
  const contact = contactEmail?.trim() ? `mailto:${contactEmail.trim()}` : 'mailto not set';
  return `Papershelf/${appVersion()} (desktop reading list; ${contact})`;
}

export function normalizeBaseUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new PapershelfError('bad-input', `${name}: "${value}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PapershelfError('bad-input', `${name}: "${value}" must start with http:// or https://`);
  }
  if (url.search || url.hash) throw new PapershelfError('bad-input', `${name}: "${value}" must not have a query or fragment`);
  return url.href.replace(/\/+$/, '');
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new PapershelfError('bad-input', `${name} must be a non-negative number`);
  return value;
}

function baseUrl(envName: string, env: NodeJS.ProcessEnv, setting: string | undefined, settingName: string, fallback: string): string {
  const fromEnv = env[envName]?.trim();
  if (fromEnv) return normalizeBaseUrl(fromEnv, envName);
  return normalizeBaseUrl(setting ?? fallback, settingName);
}

export function sourceConfig(settings: SourceSettings = {}, env: NodeJS.ProcessEnv = process.env): SourceConfig {
  return {
    hfBaseUrl: baseUrl('PAPERSHELF_HF_URL', env, settings.hfBaseUrl, 'hfBaseUrl', DEFAULT_HF_URL),
    arxivBaseUrl: baseUrl('PAPERSHELF_ARXIV_URL', env, settings.arxivBaseUrl, 'arxivBaseUrl', DEFAULT_ARXIV_URL),
    arxivIntervalMs: positive(settings.arxivIntervalMs, ARXIV_INTERVAL_MS, 'arxivIntervalMs'),
    timeoutMs: positive(settings.timeoutMs, 30_000, 'timeoutMs'),
    retries: Math.floor(positive(settings.retries, 4, 'retries')),
    userAgent: userAgent(settings.contactEmail),
  };
}
