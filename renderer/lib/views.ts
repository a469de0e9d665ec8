/** The sidebar's views and the list filter each one stands for. */
import type { ListFilter, ReadingStatus, View } from '../api/types.ts';
import { STATUS_LABELS } from './format.ts';

export function filterOf(view: View): ListFilter {
  switch (view.kind) {
    case 'starred':
      return { starred: true };
    case 'status':
      return view.value && view.value in STATUS_LABELS ? { status: view.value as ReadingStatus } : {};
    case 'tag':
      return view.value ? { tag: view.value } : {};
    case 'source':
      return view.value ? { source: view.value } : {};
    default:
      return {};
  }
}

export function sameView(a: View, b: View): boolean {
  return a.kind === b.kind && (a.value ?? null) === (b.value ?? null);
}

export function viewLabel(view: View): string {
  switch (view.kind) {
    case 'starred':
      return 'Starred';
    case 'status':
      return STATUS_LABELS[view.value as ReadingStatus] ?? 'All papers';
    case 'tag':
      return `Tag: ${view.value ?? ''}`;
    case 'source':
      return `Source: ${view.value ?? ''}`;
    default:
      return 'All papers';
  }
}
