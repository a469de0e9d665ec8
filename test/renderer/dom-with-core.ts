/**
 * Gives a component test that runs the real core a DOM. Import it first, in a file marked
 * `// @vitest-environment node`.
 *
 * Why not `@vitest-environment jsdom`: under it Vitest transforms every module as browser code, and
 * Vite's worker plugin takes the core's `new Worker(new URL('./ts-bootstrap.mjs', import.meta.url), …)`
 * (node:worker_threads) for a browser Web Worker and fails to transform it, so the Library cannot
 * open. Under the node environment modules are transformed for Node, the core starts its worker
 * threads as in the server, and this module installs the same jsdom globals the jsdom environment
 * would (Vitest's own jsdom set-up), before React and Testing Library are loaded.
 */
import { builtinEnvironments } from 'vitest/runtime';

// Never torn down: React's scheduler may still run a task after the last test, and each test file
// runs in a process of its own (pool: forks), whose globals end with it.
await builtinEnvironments.jsdom.setup(globalThis, { jsdom: { url: 'http://localhost:3000/' } });

// The real core answers in milliseconds, but writes, re-indexing and worker start-up on a busy
// two-core machine can take longer than Testing Library's 1 s default for findBy/waitFor.
const { configure } = await import('@testing-library/react');
configure({ asyncUtilTimeout: 5000 });
