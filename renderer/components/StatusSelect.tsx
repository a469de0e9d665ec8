import type { ReadingStatus } from '../api/types.ts';
import { STATUS_LABELS } from '../lib/format.ts';

const STATUSES = Object.keys(STATUS_LABELS) as ReadingStatus[];

/** Controlled by the core's answer: the select shows the new status once the change is saved. */
export function StatusSelect({ status, onChange }: { status: ReadingStatus | null; onChange: (status: ReadingStatus | null) => void }) {
  return (
    <select
      className="status-select"
      aria-label="Reading status"
      value={status ?? ''}
      onChange={(event) => onChange(event.target.value === '' ? null : (event.target.value as ReadingStatus))}
    >
      <option value="">No status</option>
      {STATUSES.map((value) => (
        <option key={value} value={value}>
          {STATUS_LABELS[value]}
        </option>
      ))}
    </select>
  );
}
