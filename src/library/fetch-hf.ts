/**
 * Daily Papers into the library, one day per committed batch: a day is imported as soon as it has
 * arrived whole, so a failure or a cancel later keeps every day before it and never half of one.
 */
import { ImportFormatError } from '../model/errors.ts';
import { fetchHfDays } from '../sources/hf-daily.ts';
import type { HttpClient } from '../sources/http-client.ts';
import { SourceError } from '../sources/source-error.ts';
import { cancelledError } from '../sources/clock.ts';
import type { FetchControl } from './fetch-job.ts';
import type { BatchImporter } from './fetch-jobs.ts';
import type { ImportSummary } from './library.ts';

/** The provenance recorded on papers fetched from Daily Papers (files of the same API say `hf-json`). */
export const HF_SOURCE = 'hf-daily';

export function batchText(papers: number, summary: ImportSummary): string {
  return `${papers} ${papers === 1 ? 'paper' : 'papers'} (${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged)`;
}

export function hfLabel(days: readonly string[]): string {
  const first = days[0] ?? '';
  const last = days.at(-1) ?? first;
  return first === last ? `Daily Papers ${first}` : `Daily Papers ${first} to ${last}`;
}

/** Calls `afterDay` once each day is committed, so a refresh can record how far it got. */
export async function importHfDays(
  library: BatchImporter,
  client: HttpClient,
  days: readonly string[],
  control: FetchControl,
  afterDay: (date: string) => void = () => {},
): Promise<void> {
  try {
    for await (const day of fetchHfDays(client, days, { signal: control.signal })) {
      const summary = await library.importParsed(day.parsed, HF_SOURCE);
      control.imported(summary, `${day.date}: ${batchText(day.parsed.papers.length, summary)}`);
      afterDay(day.date);
      if (control.signal.aborted) throw cancelledError();
    }
  } catch (error) {
    // An item the hf-json reader rejects is the server's fault here, not a file the user chose.
    if (error instanceof ImportFormatError) {
      throw new SourceError('malformed', client.host, `${client.host} sent Daily Papers that cannot be read (${error.message})`, false);
    }
    throw error;
  }
}
