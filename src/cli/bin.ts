#!/usr/bin/env node
// The `papershelf` command as built by build.mjs into build/cli/papershelf.mjs.
import { runCli } from './main.ts';

// `papershelf search x | head` closes the pipe early: stop quietly, as other commands do, instead of
// dying with a stack trace. Writes already made are on disk before anything is printed.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2));
