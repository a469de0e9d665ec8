/** What an empty library shows: every way to bring papers in. */
export function Welcome({ onChooseFile, onPaste }: { onChooseFile: () => void; onPaste: () => void }) {
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
          From a terminal: <code>papershelf import FILE</code> imports a file, <code>papershelf fetch</code> downloads
          listings from the online sources. Papers appear here as soon as they are in the library.
        </li>
      </ul>
      <p className="muted">Then search with /, star with s, tag with t and write notes with n. Press ? for all shortcuts.</p>
    </section>
  );
}
