/**
 * Child process of corpus-crash.test.ts: continues the planned commits (compacting now and then)
 * until it is killed, printing each commit once it has returned.
 */
import { Corpus } from '../../../src/search/corpus/corpus.ts';
import { batch, committedCount } from './crash-plan.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: corpus-crash-child.ts DATA_DIR');
const corpus = await Corpus.open(dataDir);
if (corpus.problems.length > 0) throw new Error(`problems on open: ${corpus.problems.join('; ')}`);
let k = committedCount(corpus.all().map((p) => p.id));
process.stdout.write(`ready ${k}\n`);
for (;;) {
  k++;
  await corpus.commit(batch(k));
  process.stdout.write(`committed ${k}\n`);
  if (k % 3 === 0) await corpus.compact({ all: k % 6 === 0 });
}
