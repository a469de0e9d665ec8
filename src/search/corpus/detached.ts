/**
 * Runs background work (merges, the rest of a progressive open) outside the async context it was
 * started from. The data folder's write lock knows its holders by async context: work started inside
 * a caller's lock section and still running after it would otherwise believe it holds the lock and
 * write without it.
 */
import { AsyncResource } from 'node:async_hooks';

/** Created when this module loads, outside any lock section. */
const outsideAnyLock = new AsyncResource('PapershelfBackgroundWork');

export function detached<T>(work: () => Promise<T>): Promise<T> {
  return outsideAnyLock.runInAsyncScope(work);
}
