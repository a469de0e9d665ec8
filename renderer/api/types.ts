/** The core's types as the window uses them; type-only, so no core code reaches the bundle. */
import type { z } from 'zod';
import type { OperationInput, OperationOutput } from '../../src/api/contract.ts';
import type { PaperView } from '../../src/model/paper.ts';
import type { fieldMatchSchema, sortKey, uiStateSchema } from '../../src/api/schemas.ts';

import type { PapershelfBridge as CoreBridge } from '../../src/api/bridge.ts';

export type { MenuAction } from '../../src/api/bridge.ts';
/**
 * The bridge, plus where the reader loads a paper's kept PDF (GET, answered with the PDF's bytes):
 * serve's `/pdf/<id>` with the token, or the desktop window's `papershelf://app/pdf/<id>`. Optional:
 * without it the reader uses `pdf/<id>` on the page's own origin.
 */
export type PapershelfBridge = CoreBridge & { pdfUrl?(id: string): string };
export type { ApiError, ApiResult, ChangeEvent, OperationInput, OperationName, OperationOutput } from '../../src/api/contract.ts';
export type { PaperView, ReadingStatus } from '../../src/model/paper.ts';

export type UiState = z.infer<typeof uiStateSchema>;
export type View = UiState['view'];
export type SortKey = z.infer<typeof sortKey>;
export type FieldMatch = z.infer<typeof fieldMatchSchema>;
export type SearchResult = OperationOutput<'search'>['results'][number];
/** A list row: a paper, plus its score and matched terms when it came from a search. */
export type Row = PaperView & Partial<Pick<SearchResult, 'score' | 'matches' | 'pdfMatch'>>;
export type Stats = OperationOutput<'stats'>;
export type TagCount = OperationOutput<'listTags'>['tags'][number];
export type ImportSummary = OperationOutput<'importText'>;
export type ExportFormat = OperationInput<'exportPapers'>['format'];
export type ListFilter = Pick<OperationInput<'listPapers'>, 'starred' | 'tag' | 'status' | 'source'>;
