#!/usr/bin/env node
// Bundles everything Papershelf runs from JavaScript, so nothing is transpiled at run time:
//   build/cli/   the `papershelf` command (ESM, split per command so each loads only what it needs),
//                the code of `serve`, and every worker-thread entry, for Node 20
//   build/main/  the Electron main process, its preload and the same worker entries (CommonJS)
// Usage: node build.mjs [cli] [main] [--watch] [--cli-outdir DIR] [--main-outdir DIR]
// (no target: both). The window itself is built by Vite (`npm run build:renderer`).
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    watch: { type: 'boolean' },
    'cli-outdir': { type: 'string', default: 'build/cli' },
    'main-outdir': { type: 'string', default: 'build/main' },
    quiet: { type: 'boolean' },
  },
});

/**
 * Worker-thread entries. Each is started with `startWorker(new URL('./…/NAME.ts', import.meta.url))`
 * and is compiled to NAME.mjs (CLI) or NAME.cjs (Electron) beside the bundle, where
 * src/search/worker/start-worker.ts looks for it. A new worker entry is one more line here
 * (test/cli/bundle-layout.test.ts fails if a started worker is missing from this list).
 */
const WORKER_ENTRIES = [
  'src/search/worker/segment-worker-thread.ts',
  'src/window-host/search-thread.ts',
  'src/importers/worker/parse-worker-thread.ts',
  'src/pdfs/pdf-read-thread.ts',
  'src/search/fulltext/fulltext-update-thread.ts',
  'src/recommend/recommend-thread.ts',
];

const workerName = (entry) => entry.split('/').pop().replace(/\.ts$/, '');

const shared = {
  absWorkingDir: root,
  bundle: true,
  logLevel: args.quiet ? 'error' : 'info',
  legalComments: 'none',
};

/** ESM bundles may contain CommonJS dependencies that call `require` for Node built-ins. */
const esmRequire = "import { createRequire as __papershelfCreateRequire } from 'node:module'; const require = __papershelfCreateRequire(import.meta.url);";

/**
 * The contract and the light commands use `zod/mini`, which bundles only the functions used (~40 KB)
 * — but only while nothing else in the same build uses classic `zod`: code splitting puts each zod
 * module in one shared chunk, and classic zod (used by importers and stores that commands load
 * later) keeps every function of every module. So `zod/mini` resolves to a private copy of the
 * package here, and the light commands load their own small zod.
 */
function privateZodMini() {
  const copy = join(root, 'build', '.zod-mini', 'node_modules', 'zod');
  const source = join(root, 'node_modules', 'zod');
  const stamp = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;
  const copied = join(copy, 'package.json');
  if (!existsSync(copied) || JSON.parse(readFileSync(copied, 'utf8')).version !== stamp) {
    rmSync(copy, { recursive: true, force: true });
    cpSync(source, copy, { recursive: true });
  }
  return {
    name: 'private-zod-mini',
    setup(build) {
      build.onResolve({ filter: /^zod\/mini$/ }, () => ({ path: join(copy, 'v4', 'mini', 'index.js') }));
    },
  };
}

function cliBuild(outdir) {
  return {
    plugins: [privateZodMini()],
    ...shared,
    entryPoints: {
      papershelf: 'src/cli/bin.ts',
      ...Object.fromEntries(WORKER_ENTRIES.map((entry) => [workerName(entry), entry])),
    },
    outdir,
    // Chunks sit beside the entry, so `import.meta.url` of any bundled module names this folder.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    target: 'node20',
    banner: { js: esmRequire },
    sourcemap: false,
    metafile: Boolean(process.env.PAPERSHELF_METAFILE),
  };
}

/** Bundled CommonJS has no import.meta; code that asks for its own URL gets the bundle's. */
const importMetaUrl = {
  banner: { js: 'const __papershelfImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__papershelfImportMetaUrl' },
};

/** The contract's operation names, read from contract.ts itself by bundling it in memory. */
async function operationNames() {
  const result = await esbuild.build({ ...shared, logLevel: 'error', entryPoints: ['src/api/contract.ts'], format: 'esm', platform: 'node', write: false });
  const code = result.outputFiles[0].text;
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return module.OPERATION_NAMES;
}

async function mainBuilds(outdir) {
  const node = { ...shared, ...importMetaUrl, format: 'cjs', sourcemap: true, platform: 'node', target: 'node22', external: ['electron'] };
  return [
    // Electron 45 runs Node 22 and Chromium 140.
    { ...node, entryPoints: ['main/main.ts'], outfile: join(outdir, 'main.cjs') },
    {
      ...shared,
      format: 'cjs',
      sourcemap: true,
      external: ['electron'],
      entryPoints: ['main/preload.ts'],
      outfile: join(outdir, 'preload.cjs'),
      // A sandboxed preload has no Node: nothing but `electron` may be required at run time.
      platform: 'browser',
      target: 'chrome140',
      define: { PAPERSHELF_OPERATION_NAMES: JSON.stringify(await operationNames()) },
    },
    ...WORKER_ENTRIES.map((entry) => ({ ...node, entryPoints: [entry], outfile: join(outdir, `${workerName(entry)}.cjs`) })),
  ];
}

const targets = positionals.length === 0 ? ['cli', 'main'] : positionals;
const unknown = targets.filter((t) => t !== 'cli' && t !== 'main');
if (unknown.length > 0) {
  console.error(`build.mjs: unknown target ${unknown.join(', ')} (expected cli, main)`);
  process.exit(2);
}
const builds = [];
if (targets.includes('cli')) {
  // Chunk names change with their content: old ones would pile up beside the new.
  rmSync(join(root, args['cli-outdir']), { recursive: true, force: true });
  builds.push(cliBuild(args['cli-outdir']));
}
if (targets.includes('main')) builds.push(...(await mainBuilds(args['main-outdir'])));

if (args.watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  try {
    const results = await Promise.all(builds.map((options) => esbuild.build(options)));
    if (process.env.PAPERSHELF_METAFILE) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(process.env.PAPERSHELF_METAFILE, JSON.stringify(results[0].metafile));
    }
  } catch {
    // esbuild has printed the errors.
    process.exit(1);
  }
}
