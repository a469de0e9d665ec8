/**
 * The detail pane's PDF line: "Read PDF" when the paper's PDF is kept (offline), else "Download PDF"
 * with the download's progress, or why there is none to download.
 */
import { useContext } from 'react';
import { BridgeContext } from '../api/bridge-context.ts';
import type { PapershelfBridge } from '../api/types.ts';
import { usePdfInfo } from '../hooks/use-pdf-info.ts';

function sizeLabel(bytes: number | null): string {
  if (bytes === null) return '';
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function PdfActions({ id, onRead }: { id: string; onRead(): void }) {
  const bridge = useContext(BridgeContext);
  if (!bridge) return null;
  return <PdfActionsFor bridge={bridge} id={id} onRead={onRead} />;
}

/** Download PDF, its progress, and why it failed; shared by the detail pane and the reader. */
export function PdfDownload({ bridge, id }: { bridge: PapershelfBridge; id: string }) {
  const { info, problem, job, download } = usePdfInfo(bridge, id);
  if (!info || info.kept) return null;
  return <DownloadLine canFetch={info.canFetch} problem={problem} job={job} download={download} />;
}

function DownloadLine({ canFetch, problem, job, download }: { canFetch: boolean; problem: string | null; job: ReturnType<typeof usePdfInfo>['job']; download(): void }) {
  if (!canFetch) return <p className="pdf-reason muted">No PDF: this paper has no arXiv id or PDF link to download it from.</p>;
  return (
    <div className="pdf-download">
      <button type="button" onClick={download} disabled={job !== null}>
        {job ? 'Downloading PDF…' : 'Download PDF'}
      </button>
      {job && (
        <span className="pdf-progress muted" role="status">
          {job.message || 'Waiting for its turn (arXiv allows one request every 3 seconds)…'}
        </span>
      )}
      {problem && !job && (
        <span className="pdf-problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

function PdfActionsFor({ bridge, id, onRead }: { bridge: PapershelfBridge; id: string; onRead(): void }) {
  const { info, problem, job, download } = usePdfInfo(bridge, id);
  if (!info) return problem ? <p className="pdf-problem">{problem}</p> : null;
  if (info.kept) {
    return (
      <div className="pdf-actions">
        <button type="button" onClick={onRead} aria-keyshortcuts="p">
          Read PDF
        </button>
        <span className="muted">{sizeLabel(info.bytes)}, kept offline</span>
      </div>
    );
  }
  return (
    <div className="pdf-actions">
      <DownloadLine canFetch={info.canFetch} problem={problem} job={job} download={download} />
    </div>
  );
}
