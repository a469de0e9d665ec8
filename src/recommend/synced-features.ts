/**
 * The recommender's input in a synced data folder: the features of every segment the corpus's union
 * holds (each device's and the base's, arrived ones only), with each segment's ids masked so that
 * a paper's live copy is the one the corpus shows and removed papers are left out.
 */
import { BASE_SOURCE } from '../search/corpus/corpus-layout.ts';
import { liveMasks, type UnionSegments, type UnionSegment } from '../search/corpus/union-segments.ts';
import { loadSegmentFeatures, type SegmentFeatures } from './segment-features.ts';

/**
 * The cache name of a segment file: by content when the manifest has its checksum (the same file
 * read from two devices' folders shares one cache), else by device and name. Device ids are plain
 * file names (device-id.ts); the base gets `base`.
 */
export function cacheNameOf(segment: UnionSegment): string {
  const { entry } = segment;
  if (entry.papersCrc !== undefined) return `c${(entry.papersCrc >>> 0).toString(16)}-${entry.bytes.papers}-${entry.bytes.index}-${entry.papers}`;
  return `${segment.source === BASE_SOURCE ? 'base' : segment.source}~${entry.name}`;
}

/** Features per union segment (from `cache` when held), with the ids each must mask. */
export async function syncedFeatures(
  dataDir: string,
  union: UnionSegments,
  cache: Map<string, SegmentFeatures>,
): Promise<{ loaded: { features: SegmentFeatures; masked: Set<string> }[]; live: Set<string>; built: number }> {
  let built = 0;
  const found: { segment: UnionSegment; features: SegmentFeatures }[] = [];
  for (const segment of union.segments) {
    const cacheName = cacheNameOf(segment);
    let features = cache.get(cacheName);
    if (!features) {
      const result = await loadSegmentFeatures(dataDir, segment.entry, { dir: segment.dir, cacheName });
      features = result.features;
      if (result.built) built++;
      cache.set(cacheName, features);
    }
    found.push({ segment, features });
  }
  const masks = liveMasks(
    found.map(({ segment, features }) => ({ segment, ids: features.ids })),
    union.removedAt,
  );
  const loaded = found.map(({ features }, i) => ({ features, masked: masks[i] ?? new Set<string>() }));
  return { loaded, live: new Set(found.map(({ features }) => features.segment)), built };
}
