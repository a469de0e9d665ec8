/**
 * A refresh is an online run: after fetching what is followed, it resolves the title-only papers an
 * import made offline left queued, counting its arXiv requests in the job.
 */
import { describe, expect, it } from 'vitest';
import { closedPort } from '../../helpers/replay-server.ts';
import { hfDay, openHarness } from '../fetch-harness.ts';
import { startTitleServer } from './arxiv-title-server.ts';
import { ARXIV_PAPERS, KNOWN, SAMPLE_PAGE } from './sample-arxiv.ts';

describe('refresh', () => {
  it('resolves the papers an offline import queued', async () => {
    const h = await openHarness({ hfDays: { '2026-07-15': hfDay('2026-07-15', 1) } });
    const arxiv = await startTitleServer(ARXIV_PAPERS);
    try {
      const hfUrl = h.jobs.environment.env?.PAPERSHELF_HF_URL ?? '';
      h.jobs.environment = { ...h.jobs.environment, env: { PAPERSHELF_HF_URL: hfUrl, PAPERSHELF_ARXIV_URL: `http://127.0.0.1:${await closedPort()}` } };
      const offline = await h.library.importText({ text: SAMPLE_PAGE });
      expect(offline.enrichment).toMatchObject({ asked: 59, queued: 59 });

      h.jobs.environment = { ...h.jobs.environment, env: { PAPERSHELF_HF_URL: hfUrl, PAPERSHELF_ARXIV_URL: arxiv.url } };
      await h.call('follow', { kind: 'hf-daily' });
      const job = await h.run('refresh', {});
      expect(job).toMatchObject({ state: 'done', error: null });
      expect(job.requests).toBe(7 + arxiv.requests.length);
      expect(arxiv.requests.length).toBeGreaterThan(0);
      const ids = h.library.listPapers().results.map((paper) => paper.id);
      for (const id of Object.values(KNOWN)) expect(ids).toContain(id);
      // Nothing is asked again on the next refresh: every paper has had its answer.
      const before = arxiv.requests.length;
      await h.run('refresh', {});
      expect(arxiv.requests).toHaveLength(before);
    } finally {
      await arxiv.close();
    }
  });
});
