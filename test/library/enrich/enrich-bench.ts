/**
 * `node --import tsx test/library/enrich/enrich-bench.ts`
 * Resolves the sample listing page's 59 papers against the stand-in arXiv on 127.0.0.1 with the real
 * clock and arXiv's three-second spacing, and prints the requests, papers resolved and time taken.
 */
import { papersToEnrich, runEnrichment } from '../../../src/library/enrich/enrich-run.ts';
import { arxivClient } from '../../../src/sources/clients.ts';
import { sourceConfig } from '../../../src/sources/source-config.ts';
import { startTitleServer } from './arxiv-title-server.ts';
import { ARXIV_PAPERS, KNOWN, samplePapers } from './sample-arxiv.ts';

const server = await startTitleServer(ARXIV_PAPERS);
try {
  const papers = samplePapers();
  const client = arxivClient(sourceConfig({}, { PAPERSHELF_ARXIV_URL: server.url }));
  const started = performance.now();
  const plan = await runEnrichment(client, papersToEnrich(papers), () => undefined, {
    onProgress: (done, of) => console.log(`  request ${done}/${of} answered at ${((performance.now() - started) / 1000).toFixed(2)} s`),
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`papers on the page:        ${papers.length}`);
  console.log(`papers the server knows:   ${Object.keys(KNOWN).length} (plus a decoy, two disagreeing same-title papers and an ambiguous pair)`);
  console.log(`resolved / ambiguous / unresolved: ${plan.resolved.length} / ${plan.ambiguous.length} / ${plan.unresolved.length}`);
  console.log(`requests:                  ${plan.requests}`);
  console.log(`time:                      ${seconds.toFixed(2)} s (arXiv's spacing alone: ${(plan.requests - 1) * 3} s)`);
} finally {
  await server.close();
}
