/**
 * Whether a paper's PDF is kept, and its download: `fetchPdfs` starts a background job of kind `pdf`
 * whose progress arrives as `fetch` events; when it finishes the paper is asked for again. A change
 * to the kept PDFs made anywhere else (another window, the command line) is heard as a `pdfs` event.
 */
import { useCallback, useEffect, useState } from 'react';
import type { OperationOutput, PapershelfBridge } from '../api/types.ts';
import { FETCH_POLL_MS } from './use-fetch-job.ts';

export type PdfInfo = OperationOutput<'pdfInfo'>;
type Job = OperationOutput<'fetchPdfs'>['job'];

export interface PdfInfoState {
  info: PdfInfo | null;
  /** Why the PDF cannot be had (the last download's failure, or an error of the call). */
  problem: string | null;
  /** The running download, or null. */
  job: Job | null;
  download(): void;
}

/** What a finished download that kept nothing says about why. */
function failureOf(job: Job): string {
  return job.error?.message ?? job.warnings[0] ?? (job.message || 'The PDF could not be downloaded.');
}

export function usePdfInfo(bridge: PapershelfBridge, id: string): PdfInfoState {
  const [info, setInfo] = useState<PdfInfo | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    let live = true;
    void bridge.pdfInfo({ id }).then((answer) => {
      if (!live) return;
      if (answer.ok) setInfo(answer.value);
      else setProblem(answer.error.message);
    });
    return () => {
      live = false;
    };
  }, [bridge, id, asked]);

  const jobId = job?.id ?? null;
  useEffect(() => {
    const follow = (next: Job) => {
      setJob(next.finished ? null : next);
      if (!next.finished) return;
      setAsked((count) => count + 1);
      if (next.state !== 'done' || next.warnings.length > 0 || next.error) setProblem(failureOf(next));
    };
    const unsubscribe = bridge.onChange((event) => {
      if (event.kind === 'pdfs' && event.ids.includes(id)) setAsked((count) => count + 1);
      if (event.kind === 'fetch' && event.job && event.job.id === jobId) follow(event.job);
    });
    // Events can be lost (a reconnecting event stream, or sent before the job's id was known): ask too.
    const timer = jobId === null ? undefined : setInterval(() => {
      void bridge.listFetchJobs({}).then((answer) => {
        const polled = answer.ok ? answer.value.jobs.find((candidate) => candidate.id === jobId) : undefined;
        if (polled?.finished) follow(polled);
      });
    }, FETCH_POLL_MS);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  }, [bridge, id, jobId]);

  const download = useCallback(() => {
    setProblem(null);
    void bridge.fetchPdfs({ ids: [id] }).then((answer) => {
      if (!answer.ok) return setProblem(answer.error.message);
      const started = answer.value.job;
      if (started.finished) {
        setAsked((count) => count + 1);
        if (started.state !== 'done') setProblem(failureOf(started));
      } else setJob(started);
    });
  }, [bridge, id]);

  return { info, problem: info?.kept ? null : problem, job, download };
}
