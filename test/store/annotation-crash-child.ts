/*
 * Child process of the reliability tests (run with `node --import tsx`).
 *   steps DATA_DIR FIRST_STEP PROGRESS_FILE  - runs the model's steps forever, appending each finished
 *                                              step number to PROGRESS_FILE, until killed.
 *   tags DATA_DIR PREFIX COUNT GO_FILE       - once GO_FILE exists, adds COUNT tags PREFIX0.. to one paper.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { AnnotationStore } from '../../src/store/annotation-store.ts';
import { NoteStore } from '../../src/store/note-store.ts';
import { sleepSync } from '../../src/store/write-lock.ts';
import { annotatedIdAt, annotationAt, noteAt, noteIdAt, SHARED_PAPER } from './annotation-crash-model.ts';

const [mode, dataDir = '', ...rest] = process.argv.slice(2);
const annotations = AnnotationStore.open(dataDir);
if (annotations.problems.length > 0) throw new Error(`problems on open: ${annotations.problems.join(' | ')}`);

if (mode === 'steps') {
  const [first = '1', progress = ''] = rest;
  const notes = new NoteStore(dataDir);
  process.stdout.write('ready\n');
  for (let step = Number(first); ; step++) {
    annotations.update(annotatedIdAt(step), () => annotationAt(step));
    notes.write(noteIdAt(step), noteAt(step), { title: `Paper ${noteIdAt(step)}`, tags: [`t${step}`] });
    appendFileSync(progress, `${step}\n`);
  }
} else if (mode === 'tags') {
  const [prefix = '', count = '0', goFile = ''] = rest;
  process.stdout.write('ready\n');
  while (!existsSync(goFile)) sleepSync(1);
  for (let i = 0; i < Number(count); i++) {
    annotations.update(SHARED_PAPER, (current) => ({ ...current, tags: [...current.tags, `${prefix}${i}`] }));
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
