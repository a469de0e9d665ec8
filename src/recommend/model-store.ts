/**
 * The trained model kept in `recommend/models/` of the data folder: its support vectors (α by paper
 * id), the key of the signals it was trained on and when. A later run with the same signals rebuilds
 * the weights from α in one pass instead of training; a run after a change starts from these α.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../store/atomic-write.ts';

const MODEL_VERSION = 1;

export interface StoredModel {
  key: string;
  trainedAt: string;
  alphas: Map<string, number>;
}

export function hashKey(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One file per tag (and one for all signals), named by a hash: tags may hold any character. */
export function modelPath(dataDir: string, tag: string | undefined): string {
  const name = tag === undefined ? 'all' : `tag-${hashKey(tag.toLocaleLowerCase()).slice(0, 16)}`;
  return join(dataDir, 'recommend', 'models', `${name}.json`);
}

export async function readModel(path: string): Promise<StoredModel | null> {
  try {
    const json = JSON.parse(await readFile(path, 'utf8')) as { version?: unknown; key?: unknown; trainedAt?: unknown; alphas?: unknown };
    if (json.version !== MODEL_VERSION || typeof json.key !== 'string' || typeof json.trainedAt !== 'string' || !Array.isArray(json.alphas)) return null;
    const alphas = new Map<string, number>();
    for (const entry of json.alphas as unknown[]) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number' && Number.isFinite(entry[1]) && entry[1] > 0) alphas.set(entry[0], entry[1]);
    }
    return { key: json.key, trainedAt: json.trainedAt, alphas };
  } catch {
    // Absent or damaged: a model is only a cache of training, which runs again.
    return null;
  }
}

export async function writeModel(path: string, model: StoredModel): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, `${JSON.stringify({ version: MODEL_VERSION, key: model.key, trainedAt: model.trainedAt, alphas: [...model.alphas] })}\n`);
  } catch {
    // A read-only or full data folder: the model is trained again next time.
  }
}
