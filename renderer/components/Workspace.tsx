import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { BridgeContext } from '../api/bridge-context.ts';
import type { ExportFormat, MenuAction, PapershelfBridge, SortKey, UiState, View } from '../api/types.ts';
import { useBulkActions } from '../hooks/use-bulk-actions.ts';
import { useDebouncedValue } from '../hooks/use-debounced-value.ts';
import { useFileDrop } from '../hooks/use-file-drop.ts';
import { usePdfDrop } from '../hooks/use-pdf-drop.ts';
import { usePdfReader } from '../hooks/use-pdf-reader.ts';
import { usePdfSearch } from '../hooks/use-pdf-search.ts';
import { PdfSearchToggle } from './PdfSearchToggle.tsx';
import { PdfDropResults } from './PdfDropResults.tsx';
import { PdfReader } from './PdfReader.tsx';
import { useForYou } from '../hooks/use-for-you.ts';
import { NO_LIBRARY_VIEW, type ForYouView } from '../lib/for-you.ts';
import { ForYouNav } from './ForYouNav.tsx';
import { ForYouPane } from './ForYouPane.tsx';
import { useImport } from '../hooks/use-import.ts';
import { useKeyboardShortcuts } from '../hooks/use-keyboard-shortcuts.ts';
import { useLibraryOverview } from '../hooks/use-library-overview.ts';
import { EnrichBanner } from './EnrichBanner.tsx';
import { LoadingNotice } from './LoadingNotice.tsx';
import { PartialNotice } from './PartialNotice.tsx';
import { useLibraryRevision } from '../hooks/use-library-revision.ts';
import { useMenuActions } from '../hooks/use-menu-actions.ts';
import { useNotices } from '../hooks/use-notices.ts';
import { useForgetInvalidRestoredQuery, usePagedList } from '../hooks/use-paged-list.ts';
import { listOrder } from '../state/list-order.ts';
import { usePaperActions } from '../hooks/use-paper-actions.ts';
import { usePaperDetail } from '../hooks/use-paper-detail.ts';
import { useSelection } from '../hooks/use-selection.ts';
import { useTagAdmin } from '../hooks/use-tag-admin.ts';
import { useUiState } from '../hooks/use-ui-state.ts';
import { useUndo } from '../hooks/use-undo.ts';
import { countLabel, nextStatus } from '../lib/format.ts';
import { filterOf, viewLabel } from '../lib/views.ts';
import { BulkToolbar } from './BulkToolbar.tsx';
import { DetailPane } from './DetailPane.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { Notices } from './Notices.tsx';
import { PaperList, ROW_HEIGHT } from './PaperList.tsx';
import { SearchBar } from './SearchBar.tsx';
import { ShortcutsOverlay } from './ShortcutsOverlay.tsx';
import { Sidebar } from './Sidebar.tsx';
import { Splitter } from './Splitter.tsx';
import { ThemeSelect } from './ThemeSelect.tsx';
import { UndoToast } from './UndoToast.tsx';
import { Welcome } from './Welcome.tsx';

/** Typing pauses this long before the query runs; stale answers are dropped anyway. */
export const SEARCH_DEBOUNCE_MS = 120;

type DialogState = { kind: 'import'; start: 'file' | 'paste' } | { kind: 'shortcuts' } | null;

export function Workspace({ bridge, initialUi }: { bridge: PapershelfBridge; initialUi: UiState }) {
  const { notices, report, dismiss } = useNotices();
  const [ui, update] = useUiState(bridge, initialUi);
  const revision = useLibraryRevision(bridge);
  const { stats, tags } = useLibraryOverview(bridge, revision, report);
  const query = useDebouncedValue(ui.query, SEARCH_DEBOUNCE_MS);
  // The order chosen while a query is present; gone when the query is cleared.
  const [querySort, setQuerySort] = useState<SortKey | null>(null);
  const sort = listOrder(query, querySort, ui.sort);
  const spec = useMemo(() => ({ query, filter: filterOf(ui.view), sort }), [query, ui.view, sort]);
  const pdfSearch = usePdfSearch(bridge);
  const library = usePagedList(pdfSearch.listBridge, spec, revision);
  // A For you list, while one is shown, stands in for the library's list (same rows, selection and keys).
  const forYou = useForYou(bridge, revision, query, stats?.papers ?? null);
  const { list, snapshot, partial } = forYou.shown ?? library;
  useForgetInvalidRestoredQuery(initialUi.query, snapshot, () => update({ query: '' }));
  const setQuery = (value: string) => {
    update({ query: value });
    if (value.trim() === '') setQuerySort(null);
  };
  const patchRow = useCallback((paper: Parameters<typeof list.patch>[0]) => list.patch(paper), [list]);
  const detail = usePaperDetail(bridge, ui.selectedId, revision, patchRow, report);
  const select = useCallback((id: string) => update({ selectedId: id }), [update]);
  const searchFor = useCallback((value: string) => update({ query: value }), [update]);
  const undo = useUndo(bridge, report);
  const actions = usePaperActions(bridge, detail.paper, detail.apply, select, { report, search: searchFor, record: undo.push, track: undo.track });
  const { selection, ...selecting } = useSelection({ bridge: forYou.shown?.bridge ?? bridge, spec: forYou.shown?.spec ?? spec, snapshot, list, focusedId: ui.selectedId, focus: select, report });
  const multi = selection.ids.size > 1;
  const bulk = useBulkActions({ bridge, ids: selection.ids, snapshot, list, record: undo.push, track: undo.track, report });
  const importer = useImport(bridge);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const tagRef = useRef<HTMLInputElement>(null);
  const bulkTagRef = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.documentElement.dataset.theme = ui.theme;
  }, [ui.theme]);

  const selectedIndex = ui.selectedId === null ? -1 : snapshot.indexOf(ui.selectedId);
  const move = async (delta: number) => {
    // With nothing selected the selection starts before the first row: j, Home go to the first paper, End to the last.
    const target = Math.min(Math.max((selectedIndex < 0 ? -1 : selectedIndex) + delta, 0), snapshot.total - 1);
    if (target < 0) return;
    const row = await list.rowAt(target);
    if (row) selecting.moveTo(row.id, target);
  };

  const openImport = (start: 'file' | 'paste') => {
    if (importer.phase.kind === 'done' || importer.phase.kind === 'failed') importer.reset();
    setDialog({ kind: 'import', start });
  };
  const closeDialog = () => {
    if (dialog?.kind === 'import' && (importer.phase.kind === 'done' || importer.phase.kind === 'failed')) importer.reset();
    setDialog(null);
  };
  const busyImporting = importer.phase.kind === 'reading' || importer.phase.kind === 'importing';
  const reader = usePdfReader();
  // A result found inside its PDF opens the reader at the page it was found on.
  const readPdf = (id: string, title: string) => {
    const found = ui.selectedId === id && selectedIndex >= 0 ? snapshot.row(selectedIndex)?.pdfMatch : undefined;
    reader.open(id, title, found?.page);
  };
  const pdfDrop = usePdfDrop(bridge);
  const dragging = useFileDrop((file) => {
    if (busyImporting) return;
    setDialog({ kind: 'import', start: 'file' });
    void importer.importFile(file);
  }, dialog?.kind !== 'shortcuts', pdfDrop.attachFiles);

  const notInterested = () => forYou.dismiss({ setStatus: bulk.setStatus, focusedIndex: selectedIndex, moveTo: selecting.moveTo });
  useKeyboardShortcuts(
    {
      focusSearch: () => searchRef.current?.focus(),
      move: (delta) => void move(delta),
      // With several papers selected, s, t and r act on all of them.
      toggleStar: multi ? () => void bulk.setStar(!(detail.paper?.starred ?? false)) : actions.toggleStar,
      focusTags: () => (multi ? bulkTagRef : tagRef).current?.focus(),
      focusNote: () => noteRef.current?.focus(),
      cycleStatus: multi ? () => void bulk.setStatus(nextStatus(detail.paper?.status ?? null)) : actions.cycleStatus,
      extend: (delta) => void selecting.extendBy(delta),
      selectAll: () => void selecting.selectAll(),
      clearSelection: selecting.collapse,
      undo: () => void undo.undo(),
      redo: () => void undo.redo(),
      copyCitation: actions.copyCitation,
      openPaper: actions.openPaper,
      readPdf: () => detail.paper && readPdf(detail.paper.id, detail.paper.title),
      dismiss: () => void notInterested(),
      showShortcuts: () => setDialog({ kind: 'shortcuts' }),
    },
    dialog === null && !exportOpen && pdfDrop.state === null,
    // PageUp/PageDown move by the rows the list shows, less one kept in view for context; a list not
    // shown (narrow layout, detail pane in front) measures 0 and the keys fall back to the default.
    () => {
      const rows = Math.floor((listRef.current?.clientHeight ?? 0) / ROW_HEIGHT);
      return rows > 1 ? rows - 1 : rows;
    },
  );

  const exportPapers = async (format: ExportFormat) => {
    const answer = await bridge.exportPapers({ format, ...(format === 'json' ? {} : filterOf(ui.view)) });
    if (!answer.ok) return report(answer.error.message);
    const { fileName, content, mimeType, count } = answer.value;
    if (await bridge.saveFile(fileName, content, mimeType)) report(`Exported ${countLabel(count, 'paper')} to ${fileName}`, 'info');
  };

  useMenuActions(bridge, (action: MenuAction) => {
    if (action === 'import-file') openImport('file');
    else if (action === 'paste-listing') openImport('paste');
    else if (action === 'export') setExportOpen(true);
    else if (action === 'find') searchRef.current?.focus();
    else if (action === 'shortcuts') setDialog({ kind: 'shortcuts' });
    else update({ theme: ui.theme === 'system' ? 'light' : ui.theme === 'light' ? 'dark' : 'system' });
  });

  const setView = (view: View) => {
    forYou.close();
    update({ view });
  };
  const openForYou = (view: ForYouView) => {
    setQuery('');
    forYou.open(view);
  };
  const { renameTag, deleteTag } = useTagAdmin({ bridge, view: ui.view, setView, report, record: undo.push, track: undo.track });

  const empty = stats !== null && stats.papers === 0;
  const { sidebar, list: listWidth } = ui.paneSizes;
  const row = ui.selectedId === null || selectedIndex < 0 ? undefined : snapshot.row(selectedIndex);

  return (
    <BridgeContext.Provider value={bridge}>
      <div className="app" style={{ '--sidebar-width': `${sidebar}px`, '--list-width': `${listWidth}px` } as CSSProperties}>
        <header className="topbar">
          <h1 className="brand">Papershelf</h1>
          <SearchBar value={ui.query} onChange={setQuery} error={snapshot.error?.message ?? null} inputRef={searchRef} />
          <PdfSearchToggle on={pdfSearch.on} onChange={pdfSearch.setOn} />
          <LoadingNotice loading={stats?.loading ?? null} />
          <PartialNotice partial={partial} searching={query.trim() !== ''} />
          <EnrichBanner bridge={bridge} />
          <div className="topbar-actions">
            <button type="button" onClick={() => openImport('file')}>
              Import
            </button>
            <ExportMenu open={exportOpen} onOpenChange={setExportOpen} onExport={(format) => void exportPapers(format)} viewLabel={viewLabel(ui.view)} />
            <ThemeSelect theme={ui.theme} onChange={(theme) => update({ theme })} />
            <button type="button" className="icon-button" aria-label="Keyboard shortcuts" onClick={() => setDialog({ kind: 'shortcuts' })}>
              ⌨
            </button>
          </div>
        </header>
        <Sidebar
          stats={stats}
          tags={tags}
          view={forYou.shown ? NO_LIBRARY_VIEW : ui.view}
          onView={setView}
          onRenameTag={renameTag}
          onDeleteTag={deleteTag}
          forYou={<ForYouNav current={forYou.shown?.view ?? null} tags={tags} badge={forYou.badge} onOpen={openForYou} />}
        />
        <Splitter label="Resize sidebar" value={sidebar} min={120} max={800} onChange={(value) => update({ paneSizes: { ...ui.paneSizes, sidebar: value } })} />
        {empty ? (
          <main className="main-welcome">
            <Welcome onChooseFile={() => openImport('file')} onPaste={() => openImport('paste')} />
          </main>
        ) : (
          <>
            <ForYouPane shown={forYou.shown}>
              <PaperList
                snapshot={snapshot}
                selectedId={ui.selectedId}
                selectedIds={selection.ids}
                sort={sort}
                query={query}
                onRange={list.show}
                onSelect={selecting.click}
                onSort={(chosen) => (query.trim() ? setQuerySort(chosen) : update({ sort: chosen }))}
                listRef={listRef}
              />
            </ForYouPane>
            <Splitter label="Resize list" value={listWidth} min={200} max={2000} onChange={(value) => update({ paneSizes: { ...ui.paneSizes, list: value } })} />
            {reader.reading && <PdfReader key={reader.reading.opening} bridge={bridge} id={reader.reading.id} title={reader.reading.title} startPage={reader.reading.page} onClose={reader.close} />}
            {multi ? (
              <BulkToolbar ids={selection.ids} bulk={bulk} knownTags={tags} tagInputRef={bulkTagRef} onClear={() => selecting.collapse()} />
            ) : (
              <DetailPane paper={detail.paper} matches={row?.matches} similar={detail.similar} knownTags={tags} actions={actions} tagInputRef={tagRef} noteRef={noteRef} onDismiss={() => void notInterested()} onReadPdf={readPdf} />
            )}
          </>
        )}
      </div>
      <Notices notices={notices} onDismiss={dismiss} />
      <UndoToast toast={undo.toast} onUndo={() => void undo.undoToast()} onDismiss={undo.dismissToast} />
      {dialog?.kind === 'import' && (
        <ImportDialog
          phase={importer.phase}
          start={dialog.start}
          onFile={(file) => void importer.importFile(file)}
          onText={(text) => void importer.importText(text, 'pasted listing')}
          onRetry={importer.reset}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'shortcuts' && <ShortcutsOverlay onClose={closeDialog} />}
      {pdfDrop.state && <PdfDropResults state={pdfDrop.state} onClose={pdfDrop.dismiss} onOpen={(id) => {
            pdfDrop.dismiss();
            select(id);
          }} />}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop the file to import it
        </div>
      )}
    </BridgeContext.Provider>
  );
}
