/**
 * One phase of the benchmark, in its own process so that each measures a cold start and its own
 * memory: `bench-child.ts PHASE ARGS.json`. Prints `RESULT <json>` on its last line. Each phase
 * loads only its own module, so a cold start pays for the code that phase really needs.
 */
import { readFileSync } from 'node:fs';

type Phase = (args: never) => unknown;

const phases: Record<string, () => Promise<Phase>> = {
  'stock-build': async () => (await import('./bench-stock.ts')).stockBuild,
  'stock-serve': async () => (await import('./bench-stock.ts')).stockServe,
  'stock-query': async () => (await import('./bench-stock.ts')).stockQueryOnce,
  'ours-build': async () => (await import('./bench-ours.ts')).oursBuild,
  'ours-serve': async () => (await import('./bench-ours-serve.ts')).oursServe,
  'ours-index-only': async () => (await import('./bench-ours-serve.ts')).oursIndexOnly,
  'ours-worker': async () => (await import('./bench-ours-serve.ts')).oursWorker,
  'ours-library': async () => (await import('./bench-ours.ts')).oursLibrary,
};

const [phase, argsFile] = process.argv.slice(2);
const load = phase ? phases[phase] : undefined;
if (!load || !argsFile) throw new Error(`usage: bench-child.ts ${Object.keys(phases).join('|')} ARGS.json`);
const run = await load();
const result = await run(JSON.parse(readFileSync(argsFile, 'utf8')) as never);
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
