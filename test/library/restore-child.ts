/**
 * Child process for the killed-restore test: restores a backup file into a data folder exactly as
 * the library's import does once wired (journal first, then papers, annotations and notes, then the
 * journal is cleared), printing `started` first so the parent knows when to start its clock.
 */
import { readFileSync } from 'node:fs';
import { parseImport } from '../../src/importers/index.ts';
import { beginRestore, finishRestore } from '../../src/library/backup-annotations.ts';
import { Library } from '../../src/library/library.ts';

const [dataDir, backupFile] = process.argv.slice(2) as [string, string];
const library = await Library.open(dataDir);
const parsed = parseImport(readFileSync(backupFile, 'utf8'));
process.stdout.write('started\n');
const began = performance.now();
beginRestore(dataDir, parsed);
await library.importParsed(parsed);
finishRestore(dataDir, parsed);
await library.close();
process.stdout.write(`done ${Math.round(performance.now() - began)}\n`);
