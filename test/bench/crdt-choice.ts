/**
 * `npm run bench:crdt [-- --papers 5000] [--devices 1,3,10] [--skip-automerge] [--json out.json]`
 *
 * Why Yjs: the same synthetic library (each paper starred or not, a status, 2 tags, a ~2 KB note) in
 * Automerge and in Yjs — build, save, size, load, 200 edits on one device, merge of two devices — then
 * Papershelf's sync layout opened cold with 1, 3 and 10 devices' history (every other device made 200
 * edits in its own folder): open/merge time, memory, folder size. Each phase runs in its own process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const phases = {
  automerge: async () => (await import('./crdt-phases.ts')).automergePhase,
  yjs: async () => (await import('./crdt-phases.ts')).yjsPhase,
  'sync-setup': async () => (await import('./crdt-phases.ts')).syncSetupPhase,
  'sync-open': async () => (await import('./crdt-phases.ts')).syncOpenPhase,
} as const;
type PhaseName = keyof typeof phases;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function runPhase(phase: PhaseName, args: object): Record<string, number | null> {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', fileURLToPath(import.meta.url), '--phase', phase, JSON.stringify(args)],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || !line) throw new Error(`phase ${phase} failed:\n${child.stderr.slice(-2000)}`);
  return JSON.parse(line.slice('RESULT '.length)) as Record<string, number | null>;
}

const fmt = (value: number | null | undefined, digits = 0, unit = 'ms') =>
  value === null || value === undefined ? '–' : `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;

async function main(): Promise<void> {
  const papers = Number(option('--papers') ?? 5000);
  const deviceCounts = (option('--devices') ?? '1,3,10').split(',').map(Number);
  const engines: PhaseName[] = process.argv.includes('--skip-automerge') ? ['yjs'] : ['automerge', 'yjs'];
  const report: Record<string, unknown> = { papers, node: process.version };

  console.log(`CRDT engines at ${papers} papers (star, status, 2 tags, ~2 KB note each)\n`);
  console.log('| engine | build | save | size | load | heap after load | 200 edits | their changes | merge 2 devices |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const engine of engines) {
    const r = runPhase(engine, { papers });
    report[engine] = r;
    console.log(
      `| ${engine} | ${fmt(r.buildMs)} | ${fmt(r.saveMs)} | ${fmt(r.sizeMB, 2, 'MB')} | ${fmt(r.loadMs)} | ${fmt(r.heapAfterLoadMB, 0, 'MB')} | ${fmt(r.editsMs)} | ${fmt(r.incrementalKB, 1, 'KB')} | ${fmt(r.mergeMs)} |`,
    );
  }

  console.log(`\nPapershelf sync folder (Yjs), ${papers} papers, cold open by a new device\n`);
  console.log('| devices | write library | per edit (other devices) | folder size | open + merge | state | heap | RSS | star after open |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const layouts: Record<string, unknown> = {};
  for (const devices of deviceCounts) {
    const dir = mkdtempSync(join(tmpdir(), 'papershelf-crdt-bench-'));
    try {
      const setup = runPhase('sync-setup', { papers, devices, dir });
      const open = runPhase('sync-open', { dir });
      layouts[devices] = { ...setup, ...open };
      console.log(
        `| ${devices} | ${fmt(setup.initialMs)} | ${fmt(setup.editMsPerChange, 1)} | ${fmt(setup.folderMB, 2, 'MB')} | ${fmt(open.openMs)} | ${fmt(open.stateMs)} | ${fmt(open.heapMB, 0, 'MB')} | ${fmt(open.rssMB, 0, 'MB')} | ${fmt(open.starMs)} |`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  report.layouts = layouts;
  const out = option('--json');
  if (out) writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
}

const phaseAt = process.argv.indexOf('--phase');
if (phaseAt >= 0) {
  const name = process.argv[phaseAt + 1] as PhaseName;
  const run = await phases[name]();
  const result = await run(JSON.parse(process.argv[phaseAt + 2] ?? '{}') as never);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
} else {
  await main();
}
