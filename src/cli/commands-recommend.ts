/** `recommend` and `digest`: papers ranked for the user by a model learned from their own signals. */
import type { Command } from 'commander';
import type { OperationOutput } from '../api/contract.ts';
import { PapershelfError } from '../model/errors.ts';
import type { CliContext } from './context.ts';
import { writeOutput } from './files.ts';
import { listLine, paperJson } from './format.ts';
import { isoDay, oneOf, positiveInt } from './parse-options.ts';

type Recommended = OperationOutput<'recommend'>;

const MAX_LIMIT = 500;
const DIGEST_FORMATS = ['markdown', 'html'] as const;

function limitOption(value: string): number {
  const n = positiveInt(value);
  if (n > MAX_LIMIT) throw new PapershelfError('bad-input', `--limit is at most ${MAX_LIMIT}`);
  return n;
}

function coldStartText(model: Recommended['model']): string {
  return (
    `Papershelf learns what you like from papers you star, tag, read or annotate; it has ${model.positives} of the 3 it needs.\n` +
    'Star or tag a few papers (`papershelf star ID`, `papershelf tag ID TAG`) and run this again. Until then, the most upvoted papers:'
  );
}

function printRecommended(ctx: CliContext, answer: Recommended): void {
  if (answer.model.coldStart) ctx.print(coldStartText(answer.model));
  for (const paper of answer.results) {
    ctx.print(listLine(paper));
    const because = paper.because.map((entry) => `${entry.reason} “${entry.title}”`).join('; ');
    const why = [because && `because you ${because}`, paper.words.join(', ')].filter((part) => part).join(' — ');
    if (why) ctx.print(`    ${why}  (score ${paper.score.toFixed(2)})`);
  }
  const trained = answer.model.trainedAt ? `, model trained ${answer.model.trainedAt}` : '';
  ctx.print(`${answer.results.length} papers (${answer.model.positives} of your papers to learn from${trained})`);
}

/** The digest of papers published since `since` (default: the newest day in the library), written to `output` or printed. */
export async function writeDigest(ctx: CliContext, opts: { since?: string | undefined; limit: number; format: 'markdown' | 'html'; output?: string | undefined }): Promise<void> {
  if (opts.output !== undefined) await writeOutput(opts.output, null);
  let since = opts.since;
  if (since === undefined) {
    const newest = await ctx.call('listPapers', { sort: 'date', limit: 1 });
    since = newest.results[0]?.published ?? undefined;
  }
  const [{ planDigest }, { renderDigest }, { tags }] = await Promise.all([import('../recommend/digest-plan.ts'), import('../recommend/digest-render.ts'), ctx.call('listTags', {})]);
  const plan = await planDigest((input) => ctx.call('recommend', input), { since, limit: opts.limit, tags });
  const content = renderDigest(plan, opts.format);
  if (opts.output === undefined) return ctx.io.stdout(content);
  await writeOutput(opts.output, content);
}

/** `refresh --digest FILE`: the default digest, after the refresh, in the format the file's name says. */
export async function writeRefreshDigest(ctx: CliContext, file: string): Promise<void> {
  await writeDigest(ctx, { limit: 20, format: digestFormat(undefined, file), output: file });
  ctx.io.stderr(`digest written to ${file}\n`);
}

/** markdown unless asked, or unless the file is named .html/.htm. */
export function digestFormat(format: 'markdown' | 'html' | undefined, output: string | undefined): 'markdown' | 'html' {
  return format ?? (output !== undefined && /\.html?$/i.test(output) ? 'html' : 'markdown');
}

export function registerRecommendCommands(program: Command, ctx: CliContext): void {
  program
    .command('recommend')
    .description('papers ranked for you by a model learned from your stars, tags, reading status and notes')
    .option('--tag <tag>', 'learn from this tag\'s papers only ("more like TAG")')
    .option('--since <date>', 'only papers published on or after this day (YYYY-MM-DD)', isoDay)
    .option('--limit <n>', `show at most N papers (at most ${MAX_LIMIT})`, limitOption, 20)
    .option('--json', 'print {"results":[PAPER + {"score","because":[ids],"words"}],"model":{"positives","negatives","trainedAt","coldStart"},"total"}')
    .action(async (opts: { tag?: string; since?: string; limit: number; json?: boolean }) => {
      const answer = await ctx.call('recommend', { tag: opts.tag, since: opts.since, limit: opts.limit });
      if (!opts.json) return printRecommended(ctx, answer);
      ctx.printJson({
        results: answer.results.map((paper) => ({ ...paperJson(paper), score: paper.score, because: paper.because.map((entry) => entry.id), words: paper.words })),
        model: answer.model,
        total: answer.total,
      });
    });

  program
    .command('digest')
    .description('a reading list of the top new papers for you, grouped by tag, as Markdown or a self-contained HTML page')
    .option('--since <date>', 'papers published on or after this day (default: the newest day in the library)', isoDay)
    .option('--limit <n>', `at most N papers (at most ${MAX_LIMIT})`, limitOption, 20)
    .option('--format <format>', 'markdown|html (default: html for a .html file, else markdown)', oneOf(DIGEST_FORMATS))
    .option('-o, --output <file>', 'write to FILE instead of standard output')
    .action(async (opts: { since?: string; limit: number; format?: 'markdown' | 'html'; output?: string }) => {
      await writeDigest(ctx, { since: opts.since, limit: opts.limit, format: digestFormat(opts.format, opts.output), output: opts.output });
    });
}
