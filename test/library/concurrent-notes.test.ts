import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, tempDir } from '../helpers/fixtures.ts';
import { runChild, startServeChild, type ChildRun } from './cli-child.ts';

/*
 * Several processes append to one note (and tag its paper) at the same moment. Every append that
 * reported success must be in the note afterwards: each process reads the note as it is on disk
 * under the write lock, never a copy read when it opened the library.
 */

const ID = '2508.07662';
const RUNS = Number(process.env.PAPERSHELF_RACE_RUNS ?? 2);
const APPENDERS = 6;
const TAGGERS = 2;

async function libraryWithOnePaper(): Promise<string> {
  const dir = tempDir();
  const imported = await runChild(dir, ['import', fixturePath('arxiv-2508.07662.bib')]);
  expect(imported.code, imported.stderr).toBe(0);
  return dir;
}

function noteOnDisk(dir: string): string {
  return readFileSync(join(dir, 'notes', `${ID}.md`), 'utf8');
}

function kept(note: string, acknowledged: string[]): number {
  return acknowledged.filter((paragraph) => note.includes(paragraph)).length;
}

describe('appending to one note from several processes at once', () => {
  it(`keeps every acknowledged paragraph, CLI against CLI (${RUNS} runs of ${APPENDERS} appends + ${TAGGERS} tags)`, async () => {
    let total = 0;
    let totalKept = 0;
    for (let run = 0; run < RUNS; run++) {
      const dir = await libraryWithOnePaper();
      const paragraphs = Array.from({ length: APPENDERS }, (_, i) => `paragraph ${run}-${i} from process ${i}`);
      const appends = paragraphs.map((text) => runChild(dir, ['note', ID, '--append', text]));
      const tags = Array.from({ length: TAGGERS }, (_, i) => runChild(dir, ['tag', ID, `tag-${i}`]));
      const results: ChildRun[] = await Promise.all([...appends, ...tags]);
      for (const result of results) expect(result.code, result.stderr).toBe(0);
      const note = noteOnDisk(dir);
      total += paragraphs.length;
      totalKept += kept(note, paragraphs);
      expect(note).toContain(`"tag-0"`);
      expect(note).toContain(`"tag-1"`);
    }
    console.log(`CLI vs CLI: ${RUNS} runs, ${totalKept}/${total} acknowledged paragraphs kept`);
    expect(totalKept).toBe(total);
  }, 240_000);

  it('keeps every acknowledged paragraph, CLI processes against a running `papershelf serve`', async () => {
    const dir = await libraryWithOnePaper();
    const serve = await startServeChild(dir);
    try {
      const fromCli = Array.from({ length: 4 }, (_, i) => `cli paragraph ${i}`);
      let cliDone = false;
      const cliRuns = Promise.all(fromCli.map((text) => runChild(dir, ['note', ID, '--append', text]))).finally(() => {
        cliDone = true;
      });
      // The window appends (and tags) back to back for as long as the CLI processes run.
      const served: string[] = [];
      const answers: unknown[] = [];
      for (let i = 0; !cliDone && i < 400; i++) {
        const text = `served paragraph ${i}`;
        const answer = await serve.call('appendNote', { id: ID, text });
        answers.push(answer);
        if (answer.ok) served.push(text);
        if (i % 5 === 0) answers.push(await serve.call('addTags', { id: ID, tags: [`served-${i}`] }));
      }
      const runs = await cliRuns;
      for (const answer of answers) expect(answer, JSON.stringify(answer)).toMatchObject({ ok: true });
      for (const result of runs) expect(result.code, result.stderr).toBe(0);
      const note = noteOnDisk(dir);
      const all = [...served, ...fromCli];
      console.log(`CLI vs serve: ${kept(note, all)}/${all.length} acknowledged paragraphs kept`);
      expect(all.filter((paragraph) => !note.includes(paragraph))).toEqual([]);
      // The server's answer comes from the disk too: a later read through it shows the CLI's paragraphs.
      const shown = (await serve.call('getPaper', { id: ID })) as { value?: { note?: string } };
      for (const paragraph of fromCli) expect(shown.value?.note ?? '').toContain(paragraph);
    } finally {
      await serve.stop();
    }
  }, 240_000);
});
