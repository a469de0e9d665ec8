import type { ImportSummary } from '../api/types.ts';
import { countLabel } from '../lib/format.ts';

/** Warnings beyond this are counted, not listed: a broken 10,000-entry file should not freeze the dialog. */
const SHOWN_WARNINGS = 200;

export function ImportSummaryView({ name, summary }: { name: string; summary: ImportSummary }) {
  const counts: Array<[string, number]> = [
    ['Added', summary.added],
    ['Updated', summary.updated],
    ['Unchanged', summary.unchanged],
    ['Skipped', summary.skipped],
  ];
  const hidden = summary.warnings.length - SHOWN_WARNINGS;
  return (
    <div className="import-summary">
      <p>
        Imported <strong>{name}</strong> ({summary.format}).
      </p>
      <dl className="summary-counts" aria-label="Import summary">
        {counts.map(([label, count]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{count.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      {summary.warnings.length > 0 && (
        <details open={summary.warnings.length <= 5}>
          <summary>{countLabel(summary.warnings.length, 'warning')}</summary>
          <ul className="warnings">
            {summary.warnings.slice(0, SHOWN_WARNINGS).map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
            {hidden > 0 && <li>… and {hidden.toLocaleString()} more</li>}
          </ul>
        </details>
      )}
    </div>
  );
}
