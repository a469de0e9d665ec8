/** `star`, `unstar`, `tag`, `untag`, `tags`, `rename-tag`, `delete-tag`, `status`, `note` (and its history). */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { PapershelfError } from '../model/errors.ts';
import { READING_STATUSES } from '../model/paper.ts';
import type { CliContext } from './context.ts';
import { historyLines } from './format.ts';
import { oneOf, positiveInt } from './parse-options.ts';

export function registerAnnotationCommands(program: Command, ctx: CliContext): void {
  program
    .command('star')
    .description('star a paper')
    .argument('<id>')
    .action(async (id: string) => {
      const paper = await ctx.call('setStar', { id, starred: true });
      ctx.print(`★ starred ${paper.id}: ${paper.title}`);
    });

  program
    .command('unstar')
    .description('remove the star from a paper')
    .argument('<id>')
    .action(async (id: string) => {
      const paper = await ctx.call('setStar', { id, starred: false });
      ctx.print(`unstarred ${paper.id}: ${paper.title}`);
    });

  program
    .command('tag')
    .description('add tags to a paper')
    .argument('<id>')
    .argument('<tags...>')
    .action(async (id: string, tags: string[]) => {
      const paper = await ctx.call('addTags', { id, tags });
      ctx.print(`${paper.id} tags: ${paper.tags.join(', ')}`);
    });

  program
    .command('untag')
    .description('remove tags from a paper')
    .argument('<id>')
    .argument('<tags...>')
    .action(async (id: string, tags: string[]) => {
      const paper = await ctx.call('removeTags', { id, tags });
      ctx.print(`${paper.id} tags: ${paper.tags.join(', ') || '(none)'}`);
    });

  program
    .command('tags')
    .description('list tags with the number of papers carrying each')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { tags } = await ctx.call('listTags', {});
      if (opts.json) return ctx.printJson({ tags });
      if (tags.length === 0) return ctx.print('no tags yet: add one with `papershelf tag ID TAG`');
      for (const tag of tags) ctx.print(`${String(tag.count).padStart(5)}  ${tag.name}`);
    });

  program
    .command('rename-tag')
    .description('rename a tag on every paper')
    .argument('<old>')
    .argument('<new>')
    .action(async (from: string, to: string) => {
      const { papers } = await ctx.call('renameTag', { from, to });
      ctx.print(`renamed "${from}" to "${to}" on ${papers} paper${papers === 1 ? '' : 's'}`);
    });

  program
    .command('delete-tag')
    .description('remove a tag from every paper')
    .argument('<tag>')
    .action(async (tag: string) => {
      const { papers } = await ctx.call('deleteTag', { tag });
      ctx.print(`deleted "${tag}" from ${papers} paper${papers === 1 ? '' : 's'}`);
    });

  program
    .command('status')
    .description('set the reading status of a paper')
    .argument('<id>')
    .argument('<status>', `${READING_STATUSES.join('|')}|none`, oneOf([...READING_STATUSES, 'none'] as const))
    .action(async (id: string, status: string) => {
      const paper = await ctx.call('setStatus', { id, status: status === 'none' ? null : status });
      ctx.print(`${paper.id}: ${paper.status ?? 'no status'}`);
    });

  program
    .command('note')
    .description("print a paper's Markdown note, change it, or list and restore its earlier versions")
    .argument('<id>')
    .option('--set <text>', 'replace the note (an empty text deletes it)')
    .option('--append <text>', 'add a paragraph to the note')
    .option('--file <file>', 'replace the note with the contents of FILE')
    .option('--history', 'list the earlier versions of the note, newest first')
    .option('--restore <version>', 'bring back an earlier version (the current text is kept as a version)', positiveInt)
    .option('--json', 'with --history: print JSON')
    .action(async (id: string, opts: { set?: string; append?: string; file?: string; history?: boolean; restore?: number; json?: boolean }) => {
      const given = [opts.set, opts.append, opts.file, opts.history, opts.restore].filter((v) => v !== undefined).length;
      if (given > 1) throw new PapershelfError('bad-input', 'use only one of --set, --append, --file, --history, --restore');
      if (opts.json && !opts.history) throw new PapershelfError('bad-input', '--json goes with --history');
      if (opts.set !== undefined) return void (await ctx.call('setNote', { id, text: opts.set }));
      if (opts.append !== undefined) return void (await ctx.call('appendNote', { id, text: opts.append }));
      if (opts.file !== undefined) {
        const text = await readFile(opts.file, 'utf8').catch(() => {
          throw new PapershelfError('bad-input', `cannot read ${opts.file}`);
        });
        return void (await ctx.call('setNote', { id, text }));
      }
      if (opts.history) {
        const history = await ctx.call('noteHistory', { id });
        if (opts.json) return ctx.printJson(history);
        if (history.versions.length === 0) return ctx.print(`the note of ${id} has no earlier versions`);
        for (const line of historyLines(history.versions)) ctx.print(line);
        return;
      }
      if (opts.restore !== undefined) {
        const paper = await ctx.call('restoreNote', { id, version: opts.restore });
        return ctx.print(`restored version ${opts.restore} of the note of ${paper.id}`);
      }
      const paper = await ctx.call('getPaper', { id });
      if (paper.note !== null) ctx.print(paper.note);
    });
}
