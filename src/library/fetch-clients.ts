/**
 * The HTTP clients a fetch job uses, configured from subscriptions.json's `sources` settings and the
 * environment (which wins), counting every request (retries included) and reporting retries as
 * progress notes.
 */
import { PapershelfError } from '../model/errors.ts';
import { arxivClient, hfClient, type ClientOverrides } from '../sources/clients.ts';
import { systemClock, type Clock } from '../sources/clock.ts';
import { formatDay } from '../sources/date-range.ts';
import type { HttpClient } from '../sources/http-client.ts';
import { nodeTransport, type FetchLike } from '../sources/node-transport.ts';
import { RateLimiter } from '../sources/rate-limiter.ts';
import { sourceConfig, type SourceConfig } from '../sources/source-config.ts';
import { SUBSCRIPTIONS_FILE, type StoredSourceSettings } from '../store/subscription-schema.ts';
import { withoutUnchanged, type FetchControl } from './fetch-job.ts';
import type { FetchEnvironment } from './fetch-jobs.ts';

export interface FetchClients {
  hf(): HttpClient;
  arxiv(): HttpClient;
}

/** Today's date as the Daily Papers API counts days (UTC). */
export function todayOf(environment: FetchEnvironment): string {
  return formatDay((environment.clock ?? systemClock).now());
}

/**
 * The configuration, checked before a job starts so a bad base URL is reported as the user's error
 * at once. Settings from the file are named as such; environment variables name themselves.
 */
export function checkedConfig(environment: FetchEnvironment, settings: StoredSourceSettings): SourceConfig {
  try {
    return sourceConfig(settings, environment.env ?? process.env);
  } catch (error) {
    if (error instanceof PapershelfError && !error.message.startsWith('PAPERSHELF_')) {
      throw new PapershelfError(error.code, `${SUBSCRIPTIONS_FILE} sources.${error.message}`);
    }
    throw error;
  }
}

/** An injected clock gets one limiter of its own, shared by every job using it (as the real one is). */
const limiters = new WeakMap<Clock, RateLimiter>();

function limiterFor(clock: Clock, intervalMs: number): RateLimiter {
  let limiter = limiters.get(clock);
  if (limiter?.intervalMs !== intervalMs) {
    limiter = new RateLimiter(intervalMs, clock);
    limiters.set(clock, limiter);
  }
  return limiter;
}

export function fetchClients(config: SourceConfig, environment: FetchEnvironment, control: FetchControl): FetchClients {
  const send = environment.fetch ?? nodeTransport({ lookup: environment.lookup });
  const counting: FetchLike = (input, init) => {
    control.countRequest();
    return send(input, init);
  };
  const overrides: ClientOverrides = {
    fetch: counting,
    onRetry: ({ delayMs, error }) => {
      control.note(`${withoutUnchanged(error.message)}; retrying in ${Math.ceil(delayMs / 1000)} s`);
    },
    ...(environment.clock ? { clock: environment.clock } : {}),
    retry: { retries: config.retries, ...environment.retry },
    ...(environment.timeoutMs ? { timeoutMs: environment.timeoutMs } : {}),
  };
  return {
    hf: () => hfClient(config, overrides),
    arxiv: () =>
      arxivClient(
        config,
        environment.clock ? { ...overrides, limiter: limiterFor(environment.clock, config.arxivIntervalMs) } : { ...overrides, pacingDir: environment.dataDir },
      ),
  };
}
