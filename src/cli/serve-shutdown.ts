/**
 * Stopping `serve` without losing a write: API calls already running finish (and answer) before
 * the server closes its connections, then the library host closes, which waits for its own pending
 * writes. Each wait is bounded so a stuck call cannot keep the process from ever quitting.
 */
import type { ServedLibrary } from '../server/server.ts';

export const SHUTDOWN_BUDGET_MS = 10_000;

export interface TrackedLibrary {
  served: ServedLibrary;
  /** Resolves when no call is running (or at once when none is). */
  idle(): Promise<void>;
}

/** Counts the calls in flight through `library.dispatch`. */
export function trackCalls(library: ServedLibrary): TrackedLibrary {
  const running = new Set<Promise<unknown>>();
  const served: ServedLibrary = {
    subscribe: (listener) => library.subscribe(listener),
    dispatch: (name, input) => {
      const call = library.dispatch(name, input);
      running.add(call);
      const forget = () => running.delete(call);
      call.then(forget, forget);
      return call;
    },
  };
  return {
    served,
    idle: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

/** Waits for `work`, or until the deadline; says whether it finished in time. */
export async function withinDeadline(work: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
