/**
 * What every CLI command gets: output streams, the data folder and contract calls that throw on
 * error. The library and the contract's dispatcher are imported on the first call, and the library
 * opens lazily: a command about one paper reads that paper, not the whole library.
 */
import type { OperationName, OperationOutput } from '../api/contract.ts';
import type { Library } from '../library/library.ts';
import { PapershelfError, type ErrorCode } from '../model/errors.ts';
import { resolveDataDir } from '../store/data-dir.ts';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<Uint8Array>;
  env: NodeJS.ProcessEnv;
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
  env: process.env,
};

type Dispatch = import('../api/dispatch.ts').Dispatch;

export class CliContext {
  private opened: Promise<{ library: Library; dispatch: Dispatch }> | null = null;
  private readonly reported = new Set<string>();
  dataDirFlag: string | null = null;

  constructor(readonly io: CliIO) {}

  dataDir(): string {
    return resolveDataDir(this.dataDirFlag, this.io.env);
  }

  private open(): Promise<{ library: Library; dispatch: Dispatch }> {
    this.opened ??= (async () => {
      const dataDir = this.dataDir();
      const [{ Library }, { createDispatch }] = await Promise.all([import('../library/library.ts'), import('../api/dispatch.ts')]);
      const library = await Library.open(dataDir, { lazy: true });
      return { library, dispatch: createDispatch(library) };
    })();
    return this.opened;
  }

  async openLibrary(): Promise<Library> {
    return (await this.open()).library;
  }

  /** Damage found and repaired while the library was read, told once. */
  reportProblems(library: Library): void {
    for (const problem of library.problems) {
      if (this.reported.has(problem)) continue;
      this.reported.add(problem);
      this.io.stderr(`papershelf: warning: ${problem}\n`);
    }
  }

  /** Runs a contract operation; a typed error becomes a thrown PapershelfError for main to report. */
  async call<N extends OperationName>(name: N, input: unknown): Promise<OperationOutput<N>> {
    const { library, dispatch } = await this.open();
    const result = await dispatch(name, input);
    this.reportProblems(library);
    if (!result.ok) throw new PapershelfError(result.error.code as ErrorCode, result.error.message);
    return result.value;
  }

  print(text: string): void {
    this.io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  }

  printJson(value: unknown): void {
    this.io.stdout(`${JSON.stringify(value, null, 2)}\n`);
  }
}
