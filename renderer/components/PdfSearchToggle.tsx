/** The "Search inside PDFs" switch beside the search box. */
export function PdfSearchToggle({ on, onChange }: { on: boolean; onChange(on: boolean): void }) {
  return (
    <label className="pdf-search-toggle" title="Also find words in the text of the kept PDFs (fulltext:word always does)">
      <input type="checkbox" checked={on} onChange={(event) => onChange(event.target.checked)} />
      Search inside PDFs
    </label>
  );
}
