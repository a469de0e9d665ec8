/**
 * Index size and indexing time of the synthetic 5,000-paper library, in a fresh process (the
 * pipeline cache starts empty, as when a library is imported or upgraded):
 * `node --import tsx test/search/folding/measure-index.ts [papers] [runs]`.
 */
import { encodeSegmentIndex } from '../../../src/search/index/segment-index-codec.ts';
import { buildPaperIndex } from '../../../src/search/index/segment-index-build.ts';
import { buildVocabulary, syntheticPapers } from '../../bench/synthetic-library.ts';

const count = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 3);
const papers = syntheticPapers(buildVocabulary(), 0, count);
const times: number[] = [];
/** CPU time of this process: less disturbed than wall time by other work on a shared machine. */
const cpu: number[] = [];
let bytes = 0;
let terms = 0;
for (let run = 0; run < runs; run++) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const index = buildPaperIndex(papers);
  times.push(performance.now() - started);
  const used = process.cpuUsage(cpuStarted);
  cpu.push((used.user + used.system) / 1000);
  bytes = encodeSegmentIndex(index).length;
  terms = index.terms.length;
}
console.log(JSON.stringify({ papers: count, terms, bytes, coldMs: Math.round(times[0]!), coldCpuMs: Math.round(cpu[0]!), warmMs: times.slice(1).map(Math.round) }));
