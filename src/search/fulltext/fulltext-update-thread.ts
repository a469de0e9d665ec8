/**
 * Worker entry: updates the full-text index of a data folder (fulltext-update.ts). Reading PDFs and
 * indexing their text take seconds to minutes; here they never hold a door's event loop.
 */
import { serveRpc } from '../worker/rpc.ts';
import { updateFulltext } from './fulltext-update.ts';

// pdf.js warns on the console; a worker's console is the parent's stdout, which `--json` callers parse.
console.log = () => undefined;
console.warn = () => undefined;

serveRpc({
  update: async (args: { dataDir: string }) => ({ value: await updateFulltext(args.dataDir) }),
});
