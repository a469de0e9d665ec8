import { useRef, useState, type ChangeEvent } from 'react';
import type { PaperView } from '../api/types.ts';
import { BUILT_IN_FORMATS, copyCitations, readCustomStyle } from '../lib/citations.ts';
import { loadCitationPrefs, saveCitationPrefs, type CitationPrefs } from '../lib/citation-prefs.ts';
import { readFileText } from '../lib/read-file.ts';

type Status = { tone: 'ok' | 'error'; message: string } | null;

/** "Copy citation": BibTeX or a formatted reference of `papers`, in a style the user picks or adds. */
export function CopyCitation({ papers, label = 'Copy citation' }: { papers: readonly PaperView[]; label?: string }) {
  const [saved, setSaved] = useState(loadCitationPrefs);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const format = saved.format;

  const update = (next: CitationPrefs) => {
    setSaved(next);
    return saveCitationPrefs(next);
  };

  const copy = async () => {
    setBusy(true);
    setStatus(null);
    const result = await copyCitations(papers, format, saved.custom);
    setBusy(false);
    setStatus({ tone: result.ok ? 'ok' : 'error', message: result.message });
  };

  const addStyle = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      const style = await readCustomStyle(await readFileText(file));
      const custom = [...saved.custom.filter((s) => s.name !== style.name), style];
      const warning = update({ format: `csl:${style.name}`, custom });
      setStatus(warning ? { tone: 'error', message: warning } : { tone: 'ok', message: `Added the style “${style.name}”.` });
    } catch (error) {
      setStatus({ tone: 'error', message: `Could not add ${file.name}: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <div className="copy-citation" role="group" aria-label="Citation">
      <select aria-label="Citation style" value={format} onChange={(event) => update({ ...saved, format: event.target.value })}>
        {BUILT_IN_FORMATS.map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.label}
          </option>
        ))}
        {saved.custom.map((style) => (
          <option key={style.name} value={`csl:${style.name}`}>
            {style.name}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => void copy()} disabled={busy || papers.length === 0}>
        {busy ? 'Copying…' : label}
      </button>
      <button type="button" className="link-button" onClick={() => fileRef.current?.click()}>
        Add CSL style…
      </button>
      <input ref={fileRef} type="file" accept=".csl,.xml,application/xml,text/xml" hidden aria-label="CSL style file" onChange={(event) => void addStyle(event)} />
      <span role="status" className={status?.tone === 'error' ? 'copy-status error' : 'copy-status'}>
        {status?.message ?? ''}
      </span>
    </div>
  );
}
