import { useState } from 'react';
import { useBridge } from '../api/bridge-context.ts';
import type { PapershelfBridge } from '../api/types.ts';

/** Shipped beside the window (vite.config.ts); a Hugging Face Daily Papers page as copied from a browser. */
export const SAMPLE_LISTING_URL = 'samples/hf-papers-page.txt';

type SampleState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'failed'; message: string };

/** Fetches the sample from the page's own origin (papershelf:// or the local server) and imports it. */
async function loadSample(bridge: PapershelfBridge, base: string): Promise<string | null> {
  let text: string;
  try {
    const response = await fetch(new URL(SAMPLE_LISTING_URL, base));
    if (!response.ok) return `could not load the sample listing (HTTP ${response.status})`;
    text = await response.text();
  } catch (error) {
    return `could not load the sample listing: ${error instanceof Error ? error.message : String(error)}`;
  }
  const answer = await bridge.importText({ text, format: 'hf-page', sourceName: 'sample: hf-papers-page.txt' });
  return answer.ok ? null : answer.error.message;
}

/** What an empty library shows: every way to bring papers in. */
export function Welcome({ onChooseFile, onPaste }: { onChooseFile: () => void; onPaste: () => void }) {
  const bridge = useBridge();
  const [sample, setSample] = useState<SampleState>({ kind: 'idle' });
  const load = async () => {
    setSample({ kind: 'loading' });
    const problem = await loadSample(bridge, document.baseURI);
    // On success the library's change event replaces this screen with the list.
    setSample(problem === null ? { kind: 'idle' } : { kind: 'failed', message: problem });
  };
  return (
    <section className="welcome" aria-labelledby="welcome-heading">
      <h2 id="welcome-heading">Welcome to Papershelf</h2>
      <p>Your library is empty. Bring papers in any of these ways:</p>
      <ul>
        <li>
          <strong>Drop a file</strong> anywhere on this window, or{' '}
          <button type="button" className="link-button" onClick={onChooseFile}>
            choose a file…
          </button>{' '}
          — a Hugging Face Daily Papers response (JSON), an arXiv API response (Atom XML), a BibTeX file or a
          Papershelf backup.
        </li>
        <li>
          <button type="button" className="link-button" onClick={onPaste}>
            Paste a listing…
          </button>{' '}
          — select all on a Hugging Face papers page, copy, and paste it.
        </li>
        <li>
          <button type="button" className="link-button" onClick={() => void load()} disabled={sample.kind === 'loading'}>
            Load the sample listing
          </button>{' '}
          — sixty papers from a Hugging Face Daily Papers page, to try search, stars, tags and notes.
          {sample.kind === 'loading' && <span className="muted"> Importing…</span>}
          {sample.kind === 'failed' && (
            <span role="alert" className="welcome-error">
              {' '}
              {sample.message}
            </span>
          )}
        </li>
        <li>
          From a terminal: <code>papershelf import FILE</code> imports a file, <code>papershelf fetch</code> downloads
          listings from the online sources. Papers appear here as soon as they are in the library.
        </li>
      </ul>
      <p className="muted">Then search with /, star with s, tag with t and write notes with n. Press ? for all shortcuts.</p>
    </section>
  );
}
