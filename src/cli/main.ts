/**
 * The `papershelf` command: parses arguments, runs one command, maps failures to exit codes.
 * Only commander and the command definitions load at start; each command imports what it needs
 * when it runs, so `--help` or `star` never pays for search, importers or the server.
 */
import { appVersion } from '../model/app-version.ts';
import { Command, CommanderError } from 'commander';
import { errorLine, MAX_ERROR_CHARS } from '../api/error-text.ts';
import { PapershelfError, USER_ERROR_CODES } from '../model/errors.ts';
import { registerAnnotationCommands } from './commands-annotations.ts';
import { registerEnrichCommand } from './commands-enrich.ts';
import { registerFetchCommands } from './commands-fetch.ts';
import { registerPaperCommands } from './commands-papers.ts';
import { registerPdfCommands } from './commands-pdf.ts';
import { registerRecommendCommands } from './commands-recommend.ts';
import { registerServeCommand } from './commands-serve.ts';
import { registerDevicesCommands } from './commands-devices.ts';
import { registerSyncCommands } from './commands-sync.ts';
import { CliContext, processIO, type CliIO } from './context.ts';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

const PREFIX = 'papershelf: ';
/** The whole line, prefix included, stays within MAX_ERROR_CHARS. */
const failure = (message: string) => `${PREFIX}${errorLine(message, MAX_ERROR_CHARS - PREFIX.length)}\n`;

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('papershelf')
    .description('Papershelf: an offline reading list for research papers')
    .version(appVersion(), '-V, --version', 'print the version')
    .option('--data-dir <dir>', 'library folder (default: $PAPERSHELF_DATA_DIR or the per-user folder)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout(s),
      writeErr: (s) => ctx.io.stderr(s),
      outputError: (s, write) => write(`${errorLine(s)}\n`),
    })
    .showHelpAfterError(false);
  registerPaperCommands(program, ctx);
  registerAnnotationCommands(program, ctx);
  registerServeCommand(program, ctx);
  registerSyncCommands(program, ctx);
  registerDevicesCommands(program, ctx);
  registerFetchCommands(program, ctx);
  registerPdfCommands(program, ctx);
  registerEnrichCommand(program, ctx);
  registerRecommendCommands(program, ctx);
  for (const command of program.commands) {
    // `--data-dir` is accepted after the command name too: `papershelf list --data-dir X`.
    command.option('--data-dir <dir>', 'library folder').exitOverride();
    command.hook('preAction', (_cmd, action) => {
      ctx.dataDirFlag = (action.opts().dataDir as string | undefined) ?? (program.opts().dataDir as string | undefined) ?? null;
    });
  }
  return program;
}

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const ctx = new CliContext(io);
  const program = buildProgram(ctx);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_OK;
    }
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message (or the help / version text).
      return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }
    if (error instanceof PapershelfError) {
      io.stderr(failure(error.message));
      return USER_ERROR_CODES.has(error.code) ? EXIT_BAD_INPUT : EXIT_FAILURE;
    }
    io.stderr(failure(`unexpected error: ${error instanceof Error ? error.message : String(error)}`));
    return EXIT_FAILURE;
  }
}
