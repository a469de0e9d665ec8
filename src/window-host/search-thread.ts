/**
 * Worker entry: the search of the doors with a window (search-service.ts), off the thread that
 * serves the window. Requests run one at a time in arrival order; the client drops superseded
 * searches before they are sent (search-thread-client.ts).
 */
import type { ChangeEvent } from '../api/contract.ts';
import { PapershelfError } from '../model/errors.ts';
import { serveRpc } from '../search/worker/rpc.ts';
import { SearchService, type ServiceSearchRequest } from './search-service.ts';

let service: SearchService | null = null;

function opened(): SearchService {
  if (!service) throw new PapershelfError('internal', 'the search worker has not opened a library');
  return service;
}

serveRpc({
  open: async (args: { dataDir: string; progressive: boolean }) => {
    service = await SearchService.open(args.dataDir, args.progressive);
    return { value: null };
  },
  search: (request: ServiceSearchRequest) => ({ value: opened().search(request) }),
  similar: async (args: { id: string; limit: number }) => ({ value: await opened().similar(args.id, args.limit) }),
  changed: async (event: Pick<ChangeEvent, 'kind' | 'ids'>) => {
    await opened().changed(event);
    return { value: null };
  },
  phrasesPrepared: async () => {
    await opened().phrasesPrepared();
    return { value: null };
  },
  fulltextSettled: async () => {
    await opened().fulltextSettled();
    return { value: null };
  },
  settled: async () => {
    await opened().settled();
    return { value: null };
  },
});
