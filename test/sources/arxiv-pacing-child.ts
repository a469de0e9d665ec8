/**
 * One Papershelf process fetching arXiv pages for the cross-process pacing test:
 * `node --import tsx arxiv-pacing-child.ts SERVER_URL DATA_DIR INTERVAL_MS PAGES GO_AT QUERY`.
 * It builds its clients as a fetch job does (from the folder's environment), waits until GO_AT so
 * both processes start together, then fetches PAGES pages of one result each.
 */
import { fetchClients } from '../../src/library/fetch-clients.ts';
import { Job } from '../../src/library/fetch-job.ts';
import { fetchJobsFor } from '../../src/library/fetch-jobs.ts';
import { fetchArxivPages } from '../../src/sources/arxiv-query.ts';
import { nodeTransport } from '../../src/sources/node-transport.ts';
import { sourceConfig } from '../../src/sources/source-config.ts';

const [url = '', dataDir = '', interval = '', pages = '', goAt = '', query = ''] = process.argv.slice(2);
const jobs = fetchJobsFor(dataDir);
jobs.environment = { env: { PAPERSHELF_ARXIV_URL: url } };
// The spacing is not a stored setting (arXiv's 3 s is not the user's to change); the test gives its own.
const config = sourceConfig({ arxivIntervalMs: Number(interval) }, jobs.environment.env);
const client = fetchClients(config, jobs.environment, new Job('pacing', 'arxiv', query, () => undefined)).arxiv();
// A first request warms this process's HTTP stack, so the paced ones reach the server without a cold start's delay.
await nodeTransport()(new URL(`${url}/warm-up`), {}).then((response) => response.body?.cancel());
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(goAt) - Date.now())));
let fetched = 0;
for await (const page of fetchArxivPages(client, { searchQuery: query, max: Number(pages), pageSize: 1 })) fetched += page.entries;
process.stdout.write(`${fetched}\n`);
