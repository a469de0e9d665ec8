/**
 * Worker entry: features, training and ranking run here, never on the thread that serves windows
 * and commands. The recommender of a data folder stays in memory between calls (its features and
 * model are what makes the next call fast); a second folder replaces the first.
 */
import { serveRpc } from '../search/worker/rpc.ts';
import { Recommender, type EngineRequest } from './recommender.ts';

let current: { dataDir: string; recommender: Recommender } | null = null;

serveRpc({
  recommend: async (args: { dataDir: string; request: EngineRequest }) => {
    if (current?.dataDir !== args.dataDir) current = { dataDir: args.dataDir, recommender: new Recommender(args.dataDir) };
    return { value: await current.recommender.recommend(args.request) };
  },
});
