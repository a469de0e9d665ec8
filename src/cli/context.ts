/** What every CLI command gets: output streams, the data folder and contract calls that throw on error. */
import { createDispatch } from '../api/dispatch.ts';
import type { OperationName, OperationOutput } from '../api/contract.ts';
import { Library } from '../library/library.ts';
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

export class CliContext {
  private library: Promise<Library> | null = null;
  dataDirFlag: string | null = null;

  constructor(readonly io: CliIO) {}

  dataDir(): string {
    return resolveDataDir(this.dataDirFlag, this.io.env);
  }

  openLibrary(): Promise<Library> {
    this.library ??= Library.open(this.dataDir()).then((library) => {
      for (const problem of library.problems) this.io.stderr(`papershelf: warning: ${problem}\n`);
      return library;
    });
    return this.library;
  }

  /** Runs a contract operation; a typed error becomes a thrown PapershelfError for main to report. */
  async call<N extends OperationName>(name: N, input: unknown): Promise<OperationOutput<N>> {
    const dispatch = createDispatch(await this.openLibrary());
    const result = await dispatch(name, input);
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
