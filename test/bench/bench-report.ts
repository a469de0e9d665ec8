/** The benchmark's table: each figure for stock Lunr and Papershelf, their ratio and the issue's target. */
import { cpus, loadavg } from 'node:os';
import { summary, type QueryOutcome } from './bench-measure.ts';
import { sharesStockSemantics } from './query-set.ts';
import type { oursIndexOnly, oursServe, oursWorker } from './bench-ours-serve.ts';
import type { oursBuild, oursLibrary } from './bench-ours.ts';
import type { stockBuild, stockServe } from './bench-stock.ts';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export interface BenchResults {
  papers: number;
  queriesFile: string | null;
  when: string;
  /** The machine's load average when the run started (other work shares its cores). */
  load: string;
  stockBuild?: Result<typeof stockBuild>;
  stockServe?: Result<typeof stockServe>;
  stockPathological?: QueryOutcome[];
  oursBuild: Result<typeof oursBuild>;
  oursServe: Result<typeof oursServe>;
  oursIndexOnly: Result<typeof oursIndexOnly>;
  /** Absent from results recorded before the search worker phase existed. */
  oursWorker?: Result<typeof oursWorker>;
  oursLibrary: Result<typeof oursLibrary>;
  oursSmallLibrary: Result<typeof oursLibrary>;
}

/**
 * Overlap of the two top tens, over the queries both engines read alike (sharesStockSemantics); an
 * id of ours scored exactly like stock's tenth counts (a tie at the cut).
 */
export function topTenAgreement(stock: readonly QueryOutcome[], ours: readonly QueryOutcome[]): number {
  const scores: number[] = [];
  stock.forEach((theirs, i) => {
    const mine = ours[i];
    if (!mine || mine.error || theirs.error || !sharesStockSemantics(theirs.query)) return;
    if (theirs.top.length === 0 && mine.top.length === 0) return void scores.push(1);
    const ids = new Set(theirs.top.map((hit) => hit.id));
    const tenth = theirs.top.length === 10 ? theirs.top[9]!.score : Number.NaN;
    const agreeing = mine.top.filter((hit) => ids.has(hit.id) || Math.abs(hit.score - tenth) < 1e-6).length;
    scores.push(agreeing / Math.max(theirs.top.length, mine.top.length));
  });
  return scores.length === 0 ? 0 : scores.reduce((a, b) => a + b, 0) / scores.length;
}

const times = (outcomes: readonly QueryOutcome[], kind?: string) => outcomes.filter((o) => kind === undefined || o.kind === kind).flatMap((o) => o.times);

function fmt(value: number | null | undefined, unit: string, digits = 0): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : `${value.toFixed(digits)} ${unit}`.trim();
}

/** p50 / p95 per kind of query: stock Lunr, in-process, and the search worker; ratios to stock's p95. */
function kindTable(r: BenchResults): string[] {
  const kinds = [...new Set(r.oursServe.queries.map((q) => q.kind))];
  const pair = (outcomes: readonly QueryOutcome[] | undefined, kind: string) => {
    const values = outcomes ? times(outcomes, kind) : [];
    return values.length === 0 ? null : summary(values);
  };
  const cell = (figures: { p50: number; p95: number } | null) => (figures ? `${figures.p50.toFixed(1)} / ${figures.p95.toFixed(1)} ms` : '—');
  const ratio = (ours: { p95: number } | null, stock: { p95: number } | null) => (ours && stock ? `${(ours.p95 / stock.p95).toFixed(3)}×` : '—');
  const worker = r.oursWorker;
  return [
    `Per kind of query, p50 / p95 (search worker: phrase term numbers prepared in ${worker ? worker.prepareMs.toFixed(0) : '—'} ms, heap ${worker ? (worker.heapMB + worker.externalMB).toFixed(0) : '—'} MiB):`,
    '',
    '| kind | stock Lunr | Papershelf in-process | ratio (p95) | Papershelf search worker | ratio (p95) |',
    '|---|---|---|---|---|---|',
    ...kinds.map((kind) => {
      const stock = pair(r.stockServe?.queries, kind);
      const ours = pair(r.oursServe.queries, kind);
      const inWorker = pair(worker?.queries, kind);
      return `| ${kind} | ${cell(stock)} | ${cell(ours)} | ${ratio(ours, stock)} | ${cell(inWorker)} | ${ratio(inWorker, stock)} |`;
    }),
  ];
}

export function formatReport(r: BenchResults): { table: string; summary: Record<string, unknown> } {
  const s = r.stockServe;
  const o = r.oursServe;
  const stockHeap = s ? s.heapWithPapersMB + s.externalWithPapersMB : null;
  const oursHeap = o.heapMB + o.externalMB;
  const stockIndexHeap = s ? s.heapIndexOnlyMB + s.externalIndexOnlyMB : null;
  const oursIndexHeap = r.oursIndexOnly.heapMB + r.oursIndexOnly.externalMB;
  const stockP95 = s ? summary(times(s.queries)).p95 : null;
  const oursAll = summary(times(o.queries));
  const oursCommon = summary(times(o.queries, 'common'));
  const agreement = s ? topTenAgreement(s.queries, o.queries) : null;
  const peak = Math.max(r.oursBuild.buildPeakRssMB, o.peakRssMB, r.oursLibrary.peakRssMB);
  const ratio = (ours: number, stock: number | null | undefined) => (stock ? ours / stock : null);
  const rows: Array<[string, string, string, number | null, string, boolean | null]> = [];
  const row = (figure: string, stock: string, ours: string, value: number | null, target: string, met: boolean | null) =>
    rows.push([figure, stock, ours, value, target, met]);
  const build = ratio(r.oursBuild.buildMs, r.stockBuild?.buildMs);
  row('indexing time', fmt(r.stockBuild?.buildMs, 'ms'), fmt(r.oursBuild.buildMs, 'ms'), build, '≤ 0.33×', build === null ? null : build <= 0.33);
  row('on-disk index size', fmt(r.stockBuild ? r.stockBuild.indexBytes / 2 ** 20 : null, 'MiB', 1), fmt(r.oursBuild.indexBytes / 2 ** 20, 'MiB', 1), ratio(r.oursBuild.indexBytes, r.stockBuild?.indexBytes), '—', null);
  const heap = ratio(oursHeap, stockHeap);
  row('heap after load (index + papers)', fmt(stockHeap, 'MiB'), fmt(oursHeap, 'MiB'), heap, '≤ 0.5×', heap === null ? null : heap <= 0.5);
  const indexHeap = ratio(oursIndexHeap, stockIndexHeap);
  row('heap after load (index alone)', fmt(stockIndexHeap, 'MiB'), fmt(oursIndexHeap, 'MiB'), indexHeap, '≤ 0.5×', indexHeap === null ? null : indexHeap <= 0.5);
  row('RSS after load', fmt(s?.rssMB, 'MiB'), fmt(o.rssMB, 'MiB'), ratio(o.rssMB, s?.rssMB), '—', null);
  row(`cold start → first query, newest segments (${o.segmentsAtFirstQuery})`, '—', fmt(o.coldStartToFirstQueryMs, 'ms'), null, '< 1 s', o.coldStartToFirstQueryMs < 1000);
  const cold = ratio(o.coldStartToFullQueryMs, s?.coldStartToQueryMs);
  row('cold start → query over whole library', fmt(s?.coldStartToQueryMs, 'ms'), fmt(o.coldStartToFullQueryMs, 'ms'), cold, '≤ 0.3×', cold === null ? null : cold <= 0.3);
  const p95 = ratio(oursAll.p95, stockP95);
  row('query p50', fmt(s ? summary(times(s.queries)).p50 : null, 'ms', 1), fmt(oursAll.p50, 'ms', 1), ratio(oursAll.p50, s ? summary(times(s.queries)).p50 : null), '—', null);
  row('query p95', fmt(stockP95, 'ms', 1), fmt(oursAll.p95, 'ms', 1), p95, '≤ 0.5×', p95 === null ? null : p95 <= 0.5);
  row('query max', fmt(s ? summary(times(s.queries)).max : null, 'ms', 1), fmt(oursAll.max, 'ms', 1), ratio(oursAll.max, s ? summary(times(s.queries)).max : null), '—', null);
  row('common word ("model", "learning") p95', fmt(s ? summary(times(s.queries, 'common')).p95 : null, 'ms', 1), fmt(oursCommon.p95, 'ms', 1), null, '< 100 ms', oursCommon.p95 < 100);
  const imported = ratio(r.oursLibrary.importMs ?? 0, r.stockBuild?.buildMs);
  row('import 1,000 papers (stock: rebuild)', fmt(r.stockBuild?.buildMs, 'ms'), fmt(r.oursLibrary.importMs, 'ms'), imported, '≤ 0.05×', imported === null ? null : imported <= 0.05);
  const small = r.oursSmallLibrary.writes.all.p95;
  const big = r.oursLibrary.writes.all.p95;
  row('star/tag/note write p95 at 1,000', '—', fmt(small, 'ms', 2), null, '< 10 ms', small < 10);
  row(`star/tag/note write p95 at ${r.papers.toLocaleString('en')}`, '—', fmt(big, 'ms', 2), null, '< 10 ms', big < 10);
  row('top-10 agreement', '—', agreement === null ? '—' : agreement.toFixed(3), null, '≥ 0.9', agreement === null ? null : agreement >= 0.9);
  row('peak RSS (Papershelf phases)', fmt(s?.peakRssMB, 'MiB'), fmt(peak, 'MiB'), null, r.papers >= 100_000 ? '< 1536 MiB' : '—', r.papers >= 100_000 ? peak < 1536 : null);
  const lines = [
    `Papershelf vs stock Lunr 2.3.9 — ${r.papers.toLocaleString('en')} synthetic papers, ${cpus().length} cores; ${r.load}, at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    '',
    '| figure | stock Lunr | Papershelf | ratio | target | met |',
    '|---|---|---|---|---|---|',
    ...rows.map(([figure, stock, ours, value, target, met]) => `| ${figure} | ${stock} | ${ours} | ${value === null ? '—' : `${value.toFixed(3)}×`} | ${target} | ${met === null ? '—' : met ? 'yes' : 'NO'} |`),
    '',
    'Pathological queries (Papershelf; stock Lunr):',
    ...o.pathological.map((p, i) => {
      const theirs = r.stockPathological?.[i];
      const mine = `${p.times[0]!.toFixed(1)} ms, ${p.error ? `refused: "${p.error}"` : `${p.total} hits`}`;
      return `- ${p.kind}: ${mine}${theirs ? `; stock ${theirs.times[0]!.toFixed(1)} ms, ${theirs.error ? `error: ${theirs.error}` : `${theirs.total} hits`}` : ''}`;
    }),
    '',
    ...kindTable(r),
    '',
    `Segments: ${r.oursBuild.segmentsAfterCommit} after the bulk commit, ${r.oursBuild.segments} after background merging (${r.oursBuild.backgroundMergeMs.toFixed(0)} ms).`,
  ];
  return {
    table: lines.join('\n'),
    summary: Object.fromEntries(rows.map(([figure, stock, ours, value, target, met]) => [figure, { stock, ours, ratio: value, target, met }])),
  };
}
