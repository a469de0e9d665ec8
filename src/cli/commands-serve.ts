/** `papershelf serve`: the window in a browser, on 127.0.0.1, until Ctrl+C (SIGINT) or SIGTERM. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { PapershelfError } from '../model/errors.ts';
import { LibraryHost } from '../server/library-host.ts';
import { DEFAULT_STATIC_DIR, startServer } from '../server/server.ts';
import type { CliContext } from './context.ts';

function portNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 = any free port)');
  return n;
}

function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve the Papershelf window to your browser on 127.0.0.1 (prints the address to open)')
    .option('--port <n>', 'port to listen on; 0 picks any free port', portNumber, 0)
    .action(async (opts: { port: number }) => {
      const dataDir = ctx.dataDir();
      const warn = (message: string) => ctx.io.stderr(`papershelf: warning: ${message}\n`);
      const host = await LibraryHost.open(dataDir, { onProblem: warn });
      let server;
      try {
        server = await startServer({ library: host, port: opts.port });
      } catch (error) {
        await host.close();
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new PapershelfError('bad-input', `port ${opts.port} is already in use; choose another with --port or use --port 0`);
        }
        throw error;
      }
      // Other tools read the first line of stdout: it must be the address and nothing else.
      ctx.print(server.url);
      if (!existsSync(join(DEFAULT_STATIC_DIR, 'index.html'))) warn('the window is not built yet: run `npx vite build` first');
      ctx.io.stderr(`papershelf: serving the library in ${dataDir}; press Ctrl+C to stop\n`);
      await untilStopped();
      await server.close();
      await host.close();
    });
}
