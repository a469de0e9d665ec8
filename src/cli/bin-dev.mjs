#!/usr/bin/env node
// Runs the CLI from its TypeScript sources through tsx, for development only (`node src/cli/bin-dev.mjs …`).
// Users run the bundle (build/cli/papershelf.mjs), which transpiles nothing at run time.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./main.ts');
process.exitCode = await runCli(process.argv.slice(2));
