import type { Annotation, StoredPaper } from '../model/paper.ts';

/** One paper as an exporter sees it: the bibliographic record plus the user's own data about it. */
export interface ExportItem {
  paper: StoredPaper;
  annotation: Annotation | null;
  note: string | null;
}
