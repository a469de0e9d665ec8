/**
 * `papershelf serve`: the window in a browser, on 127.0.0.1, until Ctrl+C (SIGINT) or SIGTERM. On
 * stop, calls in flight and pending writes finish first (at most SHUTDOWN_BUDGET_MS).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { PapershelfError } from '../model/errors.ts';
import type { CliContext } from './context.ts';
import { SHUTDOWN_BUDGET_MS, trackCalls, withinDeadline } from './serve-shutdown.ts';

function portNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 = any free port)');
  return n;
}

/** `stopped` resolves on the first SIGINT/SIGTERM; later ones (while saving) call `again` until `dispose`. */
function stopSignals(again: () => void): { stopped: Promise<NodeJS.Signals>; dispose(): void } {
  let stop: (signal: NodeJS.Signals) => void = () => {};
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    let first = true;
    stop = (signal) => {
      if (!first) return again();
      first = false;
      resolve(signal);
    };
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    stopped,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve the Papershelf window to your browser on 127.0.0.1 (prints the address to open)')
    .option('--port <n>', 'port to listen on; 0 picks any free port', portNumber, 0)
    .action(async (opts: { port: number }) => {
      const dataDir = ctx.dataDir();
      const warn = (message: string) => ctx.io.stderr(`papershelf: warning: ${message}\n`);
      const [{ LibraryHost }, { DEFAULT_STATIC_DIR, startServer }] = await Promise.all([import('../window-host/library-host.ts'), import('../server/server.ts')]);
      const host = await LibraryHost.open(dataDir, { onProblem: warn });
      const tracked = trackCalls(host);
      let server;
      try {
        server = await startServer({ library: tracked.served, port: opts.port, dataDir });
      } catch (error) {
        await host.close();
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new PapershelfError('bad-input', `port ${opts.port} is already in use; choose another with --port or use --port 0`);
        }
        throw error;
      }
      // Other tools read the first line of stdout: it must be the address and nothing else.
      ctx.print(server.url);
      if (!existsSync(join(DEFAULT_STATIC_DIR, 'index.html'))) warn('the window is not built yet: run `npm run build` first');
      ctx.io.stderr(`papershelf: serving the library in ${dataDir}; press Ctrl+C to stop\n`);
      // Installed until the end, so a second Ctrl+C cannot cut a write short.
      const signals = stopSignals(() => ctx.io.stderr('papershelf: still saving; stopping as soon as pending writes are on disk\n'));
      await signals.stopped;
      const deadline = Date.now() + SHUTDOWN_BUDGET_MS;
      const finished = (await withinDeadline(tracked.idle(), deadline)) && (await withinDeadline(server.close().then(() => host.close()), deadline));
      if (!finished) {
        ctx.io.stderr(`papershelf: stopped after ${SHUTDOWN_BUDGET_MS / 1000} s with work still running\n`);
        process.exit(1);
      }
      signals.dispose();
    });
}
