/**
 * `npm run bench:recommend [-- --size 50000] [--skip-scale]`
 * 1. Quality: precision@10/20 of the linear SVM against the tf-idf centroid and one-paper similarity
 *    on the generated topic corpus (stars on one topic and a tag on another, with a broad topic
 *    between them; and a tag alone) and on the recorded fixtures (arXiv primary categories as
 *    topics, half of a category's papers as positives, the other half to be found).
 * 2. Scale: a synthetic library of 50,000 papers in 10 segments; the first call (features built from
 *    the segments), a fresh process state with features cached on disk, a retrain after one more
 *    star (warm start), the same signals again; time of each step and memory.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Library } from '../../src/library/library.ts';
import type { StoredPaper } from '../../src/model/paper.ts';
import { centroidWeights, onePaperWeights, precision, rankBy } from '../../src/recommend/baselines.ts';
import { buildMatrix, type FeatureMatrix } from '../../src/recommend/feature-matrix.ts';
import { trainSvm } from '../../src/recommend/linear-svm.ts';
import { Recommender, type EngineRequest } from '../../src/recommend/recommender.ts';
import { featuresOfPapers } from '../../src/recommend/segment-features.ts';
import { Corpus } from '../../src/search/corpus/corpus.ts';
import { buildVocabulary, syntheticPapers } from './synthetic-library.ts';
import { topicCorpus, type TopicCorpusOptions } from '../recommend/topic-corpus.ts';
import { BRIDGE_CORPUS } from '../recommend/bridge-corpus.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = resolve(REPO, '../shared/fixtures');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

interface Scores {
  svm: [number, number];
  centroid: [number, number];
  onePaper: [number, number];
}

/** Precision@10 and @20 of each ranker, for `positives` and the rows that count as relevant. */
function compare(matrix: FeatureMatrix, positives: number[], relevant: (row: number) => boolean, skip: ReadonlySet<number>): Scores {
  const labels = new Int8Array(matrix.ids.length).fill(-1);
  for (const row of positives) labels[row] = 1;
  const at = (weights: Float64Array): [number, number] => [precision(rankBy(matrix, weights, skip, 10), relevant), precision(rankBy(matrix, weights, skip, 20), relevant)];
  // One-paper similarity: the mean over each positive taken as the only seed.
  const one = positives.map((row) => at(onePaperWeights(matrix, row)));
  const mean = (i: 0 | 1) => one.reduce((sum, pair) => sum + pair[i], 0) / Math.max(1, one.length);
  return { svm: at(trainSvm(matrix, labels).weights), centroid: at(centroidWeights(matrix, positives)), onePaper: [mean(0), mean(1)] };
}

function row(name: string, scores: Scores): string {
  const f = ([a, b]: [number, number]) => `${a.toFixed(2)} / ${b.toFixed(2)}`;
  return `| ${name} | ${f(scores.svm)} | ${f(scores.centroid)} | ${f(scores.onePaper)} |`;
}

function topicScenarios(): string[] {
  const lines: string[] = [];
  const scenario = (name: string, options: TopicCorpusOptions, starTopic: number, tagTopic: number, perSignal: number) => {
    const { papers, topicOf } = topicCorpus(options);
    const matrix = buildMatrix([{ features: featuresOfPapers('seg-0001', { bytes: 0, crc: null }, papers), masked: new Set() }]);
    const rowsOf = (topic: number) => matrix.ids.flatMap((id, r) => (topicOf.get(id) === topic ? [r] : [])).slice(0, perSignal);
    const stars = rowsOf(starTopic);
    const tagged = rowsOf(tagTopic);
    const skip = new Set([...stars, ...tagged]);
    const topic = (r: number) => topicOf.get(matrix.ids[r] ?? '');
    lines.push(row(`${name}: stars (topic ${starTopic}) + tag (topic ${tagTopic}), all signals`, compare(matrix, [...stars, ...tagged], (r) => topic(r) === starTopic || topic(r) === tagTopic, skip)));
    lines.push(row(`${name}: the tag alone (more like tag)`, compare(matrix, tagged, (r) => topic(r) === tagTopic, skip)));
  };
  scenario('bridge corpus', BRIDGE_CORPUS, 0, 2, 6);
  scenario('ring corpus', { topics: 8, perTopic: 60 }, 2, 5, 6);
  return lines;
}

const FIXTURE_FILES = ['arxiv-query-testing.xml', 'arxiv-query-transformer-cs.LG.xml', 'hf-daily-papers-2026-06-12.json', 'hf-daily-papers-2026-07-15.json'];

/** Each fixture file's papers (a file is a topic: an arXiv query, or one day of Daily Papers). */
async function fixturePapers(): Promise<{ papers: StoredPaper[]; fileOf: Map<string, string> }> {
  const fileOf = new Map<string, string>();
  const papers = new Map<string, StoredPaper>();
  for (const name of FIXTURE_FILES) {
    const dir = join(REPO, '.tmp/bench-recommend/fixtures', name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const library = await Library.open(dir);
    await library.importText({ text: readFileSync(join(FIXTURES, name), 'utf8') });
    for (const { paper } of library.itemsForExport({})) {
      if (!fileOf.has(paper.id)) fileOf.set(paper.id, name);
      papers.set(paper.id, paper);
    }
    await library.close();
  }
  return { papers: [...papers.values()], fileOf };
}

async function fixtureScenarios(): Promise<string[]> {
  const { papers, fileOf } = await fixturePapers();
  const matrix = buildMatrix([{ features: featuresOfPapers('seg-0001', { bytes: 0, crc: null }, papers), masked: new Set() }]);
  const lines: string[] = [];
  for (const name of FIXTURE_FILES) {
    const rows = matrix.ids.flatMap((id, r) => (fileOf.get(id) === name ? [r] : []));
    if (rows.length < 6) continue;
    // Every other paper of the file is a positive; the rest must be found among all other papers.
    const positives = rows.filter((_, i) => i % 2 === 0);
    const held = new Set(rows.filter((_, i) => i % 2 === 1));
    lines.push(row(`fixtures (${papers.length} papers): ${name}, ${positives.length} positives, ${held.size} to find (p@k at most ${Math.min(1, held.size / 10).toFixed(2)} / ${Math.min(1, held.size / 20).toFixed(2)})`, compare(matrix, positives, (r) => held.has(r), new Set(positives))));
  }
  return lines;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function scale(size: number): Promise<string[]> {
  const dir = join(REPO, `.tmp/bench-recommend/${size}`);
  if (!existsSync(join(dir, 'complete'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`generating ${size} papers in ${dir}\n`);
    const vocabulary = buildVocabulary();
    const corpus = await Corpus.open(dir, { backgroundMerge: false });
    for (let from = 0; from < size; from += 5000) await corpus.commit({ upsert: syntheticPapers(vocabulary, from, Math.min(5000, size - from)), remove: [] });
    await corpus.close();
    writeFileSync(join(dir, 'complete'), `${size}\n`);
  }
  rmSync(join(dir, 'recommend'), { recursive: true, force: true });
  const ids = syntheticPapers(buildVocabulary(), 0, 40).map((paper) => paper.id);
  const request = (positives: string[]): EngineRequest => ({ positives, exclude: positives, dismissed: [], signalKey: positives.join(','), limit: 20, offset: 0 });
  const lines = ['| step | total ms | features ms | matrix ms | train ms (passes) | rank ms | segments built | heap used | rss |', '|---|---|---|---|---|---|---|---|---|'];
  const step = async (name: string, recommender: Recommender, positives: string[]) => {
    const started = performance.now();
    const answer = await recommender.recommend(request(positives));
    const total = performance.now() - started;
    const memory = process.memoryUsage();
    const t = answer.timings;
    lines.push(`| ${name} | ${total.toFixed(0)} | ${t.featuresMs.toFixed(0)} | ${t.matrixMs.toFixed(0)} | ${t.trainMs.toFixed(0)} (${t.passes}) | ${t.rankMs.toFixed(0)} | ${t.segmentsBuilt} | ${mb(memory.heapUsed)} | ${mb(memory.rss)} |`);
  };
  const stars = ids.slice(0, 20);
  await step('first call: features built from 10 segments', new Recommender(dir), stars);
  const warm = new Recommender(dir);
  await step('new process: features read from cache, model rebuilt from stored α', warm, stars);
  await step('one more star: warm-started retrain', warm, [...stars, ids[20] ?? '']);
  await step('same signals again (model kept)', warm, [...stars, ids[20] ?? '']);
  await step('ten more stars', warm, ids.slice(0, 31));
  rmSync(join(dir, 'recommend', 'models'), { recursive: true, force: true });
  await step('cold training, features cached', new Recommender(dir), ids.slice(0, 31));
  return lines;
}

async function main(): Promise<void> {
  const header = ['| scenario | SVM p@10 / p@20 | centroid p@10 / p@20 | one paper p@10 / p@20 |', '|---|---|---|---|'];
  console.log('## Precision\n');
  console.log([...header, ...topicScenarios()].join('\n'));
  console.log('');
  console.log([...header, ...(await fixtureScenarios())].join('\n'));
  if (!process.argv.includes('--skip-scale')) {
    const size = Number(option('size') ?? 50_000);
    console.log(`\n## Scale: ${size} papers\n`);
    console.log((await scale(size)).join('\n'));
  }
}

await main();
