// Starts a TypeScript worker entry where Papershelf runs from source (development, tests): a worker
// thread does not inherit the parent's tsx loader, so it registers its own before importing the entry.
// A bundled build starts its compiled .js worker entries directly and never loads this file.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
