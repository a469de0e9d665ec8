/**
 * Opening a big library newest segment first: after each segment the caller gets the corpus as far
 * as it is loaded, so the list can show the newest papers and queries can run (over those papers,
 * saying so) while older segments load. Once every segment is in memory, the ordinary loader runs
 * over them (reusing all of them) to pick up changes made meanwhile and to repair damage, which it
 * reports; a damaged segment stops the newest-first pass and is left to it.
 */
import { papersDir } from '../../store/segment-files.ts';
import { LEGACY_MANIFEST_VERSION, readManifest } from '../../store/segment-manifest.ts';
import { isDamage, loadCorpus, loadSegment, type LoadedCorpus } from './corpus-loader.ts';
import type { PrepareSegments } from './corpus-upgrade.ts';
import type { LoadedSegment } from './corpus-state.ts';
import { detached } from './detached.ts';

export interface LoadProgress {
  segmentsLoaded: number;
  segments: number;
  /** Papers (live or masked) in the loaded segments, and in all. */
  papersLoaded: number;
  papers: number;
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function loadNewestFirst(
  dataDir: string,
  problems: string[],
  onPartial: (partial: LoadedCorpus, progress: LoadProgress) => void,
  withPapers = true,
  prepare?: PrepareSegments,
): Promise<LoadedCorpus> {
  const read = await readManifest(papersDir(dataDir));
  const segments = new Map<string, LoadedSegment>();
  if (read.kind === 'ok' && read.manifest.schemaVersion !== LEGACY_MANIFEST_VERSION) {
    const entries = read.manifest.segments;
    const progress: LoadProgress = { segmentsLoaded: 0, segments: entries.length, papersLoaded: 0, papers: entries.reduce((sum, e) => sum + e.papers, 0) };
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]!;
      const loaded = await loadSegment(papersDir(dataDir), entry, withPapers);
      if (isDamage(loaded)) break;
      segments.set(entry.name, loaded);
      progress.segmentsLoaded++;
      progress.papersLoaded += entry.papers;
      if (progress.segmentsLoaded < entries.length) {
        // The state as far as loaded: its raw text is null so that nothing mistakes it for the manifest.
        const partial = { ...read.manifest, segments: entries.filter((e) => segments.has(e.name)) };
        onPartial({ manifest: partial, raw: null, segments: new Map(segments) }, { ...progress });
        await yieldToEvents();
      }
    }
  }
  return loadCorpus(dataDir, segments, problems, withPapers, prepare);
}

export interface ProgressiveHost {
  apply(loaded: LoadedCorpus): void;
  setProgress(progress: LoadProgress | null): void;
}

/**
 * Starts loading newest first and resolves once the first segment is in (or everything is, when
 * that comes first), with `done`, the end of loading. Loading continues detached from the
 * caller's async context (see detached.ts).
 */
export async function openNewestFirst(
  dataDir: string,
  problems: string[],
  withPapers: boolean,
  host: ProgressiveHost,
  prepare?: PrepareSegments,
): Promise<{ done: Promise<void> }> {
  let first!: () => void;
  const firstLoaded = new Promise<void>((resolve) => (first = resolve));
  const onPartial = (partial: LoadedCorpus, progress: LoadProgress) => {
    host.setProgress(progress);
    host.apply(partial);
    first();
  };
  const done = detached(() => loadNewestFirst(dataDir, problems, onPartial, withPapers, prepare)).then((loaded) => {
    host.setProgress(null);
    host.apply(loaded);
  });
  await Promise.race([firstLoaded, done]);
  return { done };
}
