/**
 * Fills a real library for component tests with one Papershelf backup import: papers keep the ids
 * the core gives them (arXiv id, else the title key), with their stars, tags, status and notes, and
 * come from Daily Papers (`hf-json`) unless a seed names its sources.
 */
import { paperKey } from '../../src/library/identity.ts';
import { emptyPaperFields, type PaperFields, type ReadingStatus, type StoredPaper } from '../../src/model/paper.ts';
import { CoreBridge } from './core-bridge.ts';

export type SeedPaper = Partial<PaperFields> & { title: string; sources?: string[]; starred?: boolean; tags?: string[]; status?: ReadingStatus; note?: string };

const AT = '2026-01-01T00:00:00.000Z';

/** The id the core gives a paper with these fields. */
export const idOf = (seed: Pick<SeedPaper, 'title' | 'arxivId'>): string => paperKey({ arxivId: seed.arxivId ?? null, title: seed.title });

function stored(seed: SeedPaper, index: number): StoredPaper {
  const { starred: _starred, tags: _tags, status: _status, note: _note, sources = ['hf-json'], ...fields } = seed;
  const addedAt = new Date(Date.parse(AT) + index * 1000).toISOString();
  return { ...emptyPaperFields(seed.title), ...fields, id: idOf(seed), sources, addedAt, modifiedAt: addedAt };
}

export function backupOf(seeds: SeedPaper[]): string {
  const annotations: Record<string, unknown> = {};
  for (const seed of seeds) {
    if (!seed.starred && !seed.tags?.length && !seed.status && !seed.note) continue;
    annotations[idOf(seed)] = { starred: seed.starred ?? false, tags: seed.tags ?? [], status: seed.status ?? null, updatedAt: AT, note: seed.note ?? null };
  }
  return JSON.stringify({ format: 'papershelf-backup', version: 1, exportedAt: AT, papers: seeds.map(stored), annotations });
}

export async function seed(bridge: CoreBridge, seeds: SeedPaper[]): Promise<void> {
  if (seeds.length > 0) await bridge.core('importText', { text: backupOf(seeds), format: 'json' });
}

/** A real library holding `seeds`, with window state `ui` saved as a previous session left it. */
export async function coreBridge(seeds: SeedPaper[] = [], ui: Partial<Parameters<CoreBridge['saveUiState']>[0]> = {}): Promise<CoreBridge> {
  const bridge = await CoreBridge.open();
  await seed(bridge, seeds);
  if (Object.keys(ui).length > 0) await bridge.core('saveUiState', ui);
  return bridge;
}

/** `count` generated papers, one per day going back from 2026-06-30 ("Generated paper 0" is the newest). */
export function generatedPapers(count: number): SeedPaper[] {
  const day = Date.UTC(2026, 5, 30);
  return Array.from({ length: count }, (_, i) => ({
    title: `Generated paper ${i}`,
    published: new Date(day - i * 86_400_000).toISOString().slice(0, 10),
    authors: [`Author ${i}`],
  }));
}
