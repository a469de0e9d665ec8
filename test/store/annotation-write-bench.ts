/*
 * Measures one star/tag write with thousands of annotated papers (not a test: timings vary by disk).
 * Run: node --import tsx test/store/annotation-write-bench.ts [papers] [writes]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Annotation } from '../../src/model/paper.ts';
import { AnnotationStore } from '../../src/store/annotation-store.ts';

const papers = Number(process.argv[2] ?? 5000);
const writes = Number(process.argv[3] ?? 500);
const dir = mkdtempSync(join(tmpdir(), 'papershelf-bench-'));
try {
  const store = AnnotationStore.open(dir);
  const changes = new Map<string, (a: Annotation) => Annotation>();
  for (let i = 0; i < papers; i++) {
    const tags = ['reading-group', `topic-${i % 40}`];
    changes.set(`2508.${String(i).padStart(5, '0')}`, (a) => ({ ...a, starred: i % 2 === 0, tags, status: 'to-read' }));
  }
  store.updateMany(changes);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < writes; i++) {
    const id = `2508.${String((i * 7919) % papers).padStart(5, '0')}`;
    const start = performance.now();
    const cpu = process.cpuUsage();
    store.update(id, (a) => ({ ...a, starred: !a.starred, tags: i % 3 === 0 ? [...a.tags, `t${i}`] : a.tags }));
    const used = process.cpuUsage(cpu);
    times.push(performance.now() - start);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  // A second store sees every write of the first as a file change and re-reads: the cross-process case.
  const other = AnnotationStore.open(dir);
  const crossTimes: number[] = [];
  const crossCpu: number[] = [];
  for (let i = 0; i < Math.min(writes, 200); i++) {
    const id = `2508.${String((i * 104729) % papers).padStart(5, '0')}`;
    store.update(id, (a) => ({ ...a, starred: !a.starred }));
    const start = performance.now();
    const cpu = process.cpuUsage();
    other.update(id, (a) => ({ ...a, status: a.status === 'read' ? 'reading' : 'read' }));
    const used = process.cpuUsage(cpu);
    crossTimes.push(performance.now() - start);
    crossCpu.push((used.user + used.system) / 1000);
  }
  const pct = (list: number[], p: number): string => {
    const sorted = [...list].sort((a, b) => a - b);
    return (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(2);
  };
  const size = statSync(join(dir, 'annotations.json')).size;
  console.log(`${papers} annotated papers, annotations.json ${(size / 1024).toFixed(0)} KiB`);
  const line = (label: string, wall: number[], cpu: number[]): void =>
    console.log(
      `${label}: wall p50 ${pct(wall, 50)} ms, p95 ${pct(wall, 95)} ms, max ${pct(wall, 100)} ms; ` +
        `cpu p50 ${pct(cpu, 50)} ms, p95 ${pct(cpu, 95)} ms`,
    );
  line('star/tag write              ', times, cpuTimes);
  line('write after another process ', crossTimes, crossCpu);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
