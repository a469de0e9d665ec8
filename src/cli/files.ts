/** Files the CLI reads and writes for the user, with one-line reasons when it cannot. */
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PapershelfError } from '../model/errors.ts';
import type { CliContext } from './context.ts';

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'part of its path is a file';
  return error instanceof Error ? error.message : String(error);
}

/** A file to import (`-` is standard input), decoded as the importers expect. */
export async function readInput(ctx: CliContext, file: string): Promise<string> {
  const { decodeImportBytes } = await import('../importers/decode.ts');
  const warn = (line: string) => ctx.io.stderr(`papershelf: warning: ${line}\n`);
  if (file === '-') return decodeImportBytes(await ctx.io.readStdin(), warn);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new PapershelfError('bad-input', `cannot read ${file}: ${reason(error)}`);
  }
  return decodeImportBytes(bytes, warn);
}

/**
 * Writes `content` to `file` atomically; with `content` null, only checks that it could: its folder
 * exists and the file is not a folder.
 */
export async function writeOutput(file: string, content: string | null): Promise<void> {
  const folder = dirname(resolve(file));
  const folderStat = await stat(folder).catch(() => null);
  if (!folderStat) throw new PapershelfError('bad-input', `cannot write ${file}: folder does not exist`);
  if (!folderStat.isDirectory()) throw new PapershelfError('bad-input', `cannot write ${file}: ${dirname(file)} is not a folder`);
  if ((await stat(file).catch(() => null))?.isDirectory()) throw new PapershelfError('bad-input', `cannot write ${file}: is a folder`);
  if (content === null) return;
  const { writeFileAtomic } = await import('../store/atomic-write.ts');
  try {
    await writeFileAtomic(file, content);
  } catch (error) {
    if (error instanceof PapershelfError) throw error;
    throw new PapershelfError('bad-input', `cannot write ${file}: ${reason(error)}`);
  }
}
