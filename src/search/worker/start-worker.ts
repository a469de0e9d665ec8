/**
 * Starts a worker thread on one of Papershelf's worker entries, named by the URL of its TypeScript
 * source. From source (tests, `tsx`) the .ts file exists and goes through a small bootstrap that
 * registers the TypeScript loader. In a bundle (build.mjs) the sources are absent: each worker
 * entry is compiled to NAME.mjs (the CLI) or NAME.cjs (Electron) in the bundle's own folder, which
 * is where `import.meta.url` of bundled code points.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Where the compiled form of a worker entry lies beside the bundle; null when there is none. */
export function bundledWorker(entry: URL, bundleUrl: string = import.meta.url): URL | null {
  const name = entry.pathname.split('/').pop()!.replace(/\.ts$/, '');
  for (const extension of ['.mjs', '.cjs']) {
    const candidate = new URL(`./${name}${extension}`, bundleUrl);
    if (existsSync(fileURLToPath(candidate))) return candidate;
  }
  return null;
}

/** `options` are passed to the Worker (e.g. `resourceLimits`); from source, `workerData` is the bootstrap's. */
export function startWorker(entry: URL, options: Omit<WorkerOptions, 'workerData'> = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  if (existsSync(fileURLToPath(entry))) {
    return new Worker(new URL('./ts-bootstrap.mjs', import.meta.url), { ...options, workerData: { entry: entry.href } });
  }
  const built = bundledWorker(entry);
  if (!built) throw new Error(`the worker ${entry.pathname.split('/').pop()} is missing from this build (build.mjs WORKER_ENTRIES)`);
  return new Worker(built, options);
}
