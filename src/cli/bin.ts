#!/usr/bin/env node
// The `papershelf` command as built by build.mjs into build/cli/papershelf.mjs.
import { runCli } from './main.ts';

process.exitCode = await runCli(process.argv.slice(2));
