/**
 * What the corpus needs to read, write and merge segments, in one module that corpus.ts imports on
 * first use: a lazily opened corpus that only locates single papers (a CLI `star`) never loads the
 * loader, the writer, the merge worker or the paper schema (and with it all of zod).
 */
export { loadCorpus } from './corpus-loader.ts';
export { CorpusMerges } from './corpus-merges.ts';
export { openNewestFirst } from './corpus-progressive.ts';
export { SegmentWorker } from '../worker/segment-worker.ts';
export { discardPrepared, writeCommit } from './segment-writer.ts';
export { storedPaperSchema } from '../../store/segment-paper-schema.ts';
export { loadUnion } from './corpus-union.ts';
export { deviceMergeTarget, writeDeviceCommit } from './device-writer.ts';
export { plainMergeTarget } from './corpus-merges.ts';
