/**
 * Finding single papers in a synced data folder without loading it: every device's manifest (and
 * the base's) is read, then each segment's id sidecar, and of the copies found the live one is chosen
 * by the union's rule (corpus-union.ts): the newest commit, ties to the later place, and none that a
 * removal committed after it hides. Only the chosen lines are read. Null when any sidecar cannot be
 * trusted: the caller then loads the union in full, as it would anyway.
 */
import { readFile } from 'node:fs/promises';
import type { StoredPaper } from '../../model/paper.ts';
import { checkIdTable, findRowAndLine, readRowPaper, type IdTable } from '../../store/paper-locator.ts';
import { segmentPaths } from '../../store/segment-files.ts';
import { arrived, asSegmentEntry, contentKey, lastTime, readSources, removalTimes } from './corpus-union.ts';
import { lineTimes } from './device-manifest.ts';

interface Candidate {
  /** Commit time of the line, then the segment's place in the union's order. */
  rank: [number, number, number, number];
  papersPath: string;
  row: { offset: number; length: number; crc: number };
}

function newer(a: Candidate['rank'], b: Candidate['rank']): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

export async function locateInUnion(dataDir: string, deviceId: string, ids: readonly string[]): Promise<Map<string, StoredPaper> | null> {
  const { byPreference, rankOf } = await readSources(dataDir, deviceId, new Map(), []);
  const removedAt = removalTimes(byPreference);
  const wanted = [...new Set(ids)];
  const best = new Map<string, Candidate>();
  const seen = new Set<string>();
  for (const source of byPreference) {
    for (const [index, entry] of source.segments.entries()) {
      if (entry.papersCrc >= 0 && seen.has(contentKey(entry))) continue;
      if (!(await arrived(source.dir, entry))) continue;
      seen.add(contentKey(entry));
      const paths = segmentPaths(source.dir, entry.name);
      let table: IdTable | null;
      try {
        table = checkIdTable(await readFile(paths.ids), asSegmentEntry(entry));
      } catch {
        return null;
      }
      if (!table) return null;
      const masked = new Set(entry.masked);
      const timeOf = lineTimes(entry.runs);
      for (const id of wanted) {
        const row = findRowAndLine(table, id);
        if (row === 'damaged') return null;
        if (row === null || masked.has(id)) continue;
        const time = timeOf(row.line);
        if ((removedAt.get(id) ?? -1) > time) continue;
        const candidate: Candidate = { rank: [time, lastTime(entry), rankOf.get(source.source)!, index], papersPath: paths.papers, row };
        const current = best.get(id);
        if (!current || newer(candidate.rank, current.rank)) best.set(id, candidate);
      }
    }
  }
  const found = new Map<string, StoredPaper>();
  for (const [id, candidate] of best) {
    const paper = await readRowPaper(candidate.papersPath, candidate.row, id);
    if (paper === null) return null;
    found.set(id, paper);
  }
  return found;
}
