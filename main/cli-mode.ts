/**
 * The desktop app is also the `papershelf` command: started with a command (`papershelf list`,
 * `Papershelf.exe stats --json`), the main process runs the CLI instead of opening a window, writes to
 * stdout/stderr and exits with the CLI's code. This is how installed desktop packages provide the
 * command although the Electron fuse `runAsNode` is off (the binary cannot be used as `node`).
 */

/** Flags that are CLI requests on their own; any other leading dash is left to Chromium/Electron. */
const CLI_FLAGS = new Set(['--help', '-h', '--version', '-V']);

/**
 * The CLI arguments in `argv`, or null to open the window. `defaultApp` is Electron's
 * `process.defaultApp`: true under `electron .`, where argv[1] is the app folder, not an argument.
 * Chromium switches alone (`--no-sandbox`, `--ozone-platform=wayland`) still open the window.
 */
export function desktopCliArguments(argv: readonly string[], defaultApp: boolean): string[] | null {
  const args = argv.slice(defaultApp ? 2 : 1);
  return args.some((arg) => !arg.startsWith('-') || CLI_FLAGS.has(arg)) ? args : null;
}

/** The part of Electron's `app` the CLI mode uses. */
export interface CliModeApp {
  exit(code: number): void;
  disableHardwareAcceleration(): void;
  commandLine: { appendSwitch(name: string, value?: string): void };
  dock?: { hide(): void } | undefined;
}

export type RunCli = (argv: string[]) => Promise<number>;

/**
 * Prepares Electron for a run without a window (no GPU, no display needed on Linux, no Dock icon on
 * macOS); must be called before `ready`.
 */
export function prepareHeadless(app: CliModeApp, platform: NodeJS.Platform): void {
  app.disableHardwareAcceleration();
  if (platform === 'linux') app.commandLine.appendSwitch('ozone-platform', 'headless');
  app.dock?.hide();
}

/** Runs the CLI and exits with its code once what it printed has been handed to the OS. */
export async function runDesktopCli(app: CliModeApp, args: string[], runCli: RunCli, stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
  let code: number;
  try {
    code = await runCli(args);
  } catch (error) {
    process.stderr.write(`papershelf: ${error instanceof Error ? error.message : String(error)}\n`);
    code = 1;
  }
  // app.exit does not wait for pending writes to a pipe; an empty write's callback comes after them.
  stdout.write('', () => app.exit(code));
}
