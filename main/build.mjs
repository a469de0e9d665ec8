// Bundles the Electron main process and the preload for packaging: build/main/main.cjs and
// build/main/preload.cjs. Usage: node main/build.mjs [--watch] [--outdir DIR]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({ options: { watch: { type: 'boolean' }, outdir: { type: 'string', default: 'build/main' } } });

/** Bundled CommonJS has no import.meta; code that asks for its own URL gets the bundle's. */
const importMetaUrl = {
  banner: { js: 'const __papershelfImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__papershelfImportMetaUrl' },
};

const shared = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  sourcemap: true,
  logLevel: 'info',
  // Electron 45 runs Node 22 and Chromium 140.
  external: ['electron'],
};

// The preload names every contract operation; they are read from the contract itself at build time.
register();
const { OPERATION_NAMES } = await import('../src/api/contract.ts');

const builds = [
  {
    ...shared,
    ...importMetaUrl,
    entryPoints: ['main/main.ts'],
    outfile: join(args.outdir, 'main.cjs'),
    platform: 'node',
    target: 'node22',
  },
  {
    ...shared,
    entryPoints: ['main/preload.ts'],
    outfile: join(args.outdir, 'preload.cjs'),
    // A sandboxed preload has no Node: nothing but `electron` may be required at run time.
    platform: 'browser',
    target: 'chrome140',
    define: { PAPERSHELF_OPERATION_NAMES: JSON.stringify(OPERATION_NAMES) },
  },
  // Worker threads of the search core, placed where the bundled main.cjs looks for them
  // (relative to its own URL, with .cjs for .ts: see src/search/worker/start-worker.ts).
  ...[
    ['src/search/worker/segment-worker-thread.ts', 'worker/segment-worker-thread.cjs'],
    ['src/search/worker/search-worker.ts', 'search-worker.cjs'],
  ].map(([entry, out]) => ({
    ...shared,
    ...importMetaUrl,
    entryPoints: [entry],
    outfile: join(args.outdir, out),
    platform: 'node',
    target: 'node22',
  })),
];

if (args.watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
