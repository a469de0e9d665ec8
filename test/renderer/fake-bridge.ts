/**
 * An in-memory PapershelfBridge for component tests: the contract's input validation, typed errors
 * instead of throws, change events after every mutation (as the core broadcasts them to all windows),
 * and a record of every call. `hold()` keeps the answers of chosen calls until released, so tests
 * can check what the window shows before and after the core answers.
 */
import type { MenuAction, PapershelfBridge } from '../../src/api/bridge.ts';
import { contract, type ApiResult, type ChangeEvent, type OperationInput, type OperationName, type OperationOutput } from '../../src/api/contract.ts';
import { DEFAULT_UI_STATE, uiStateSchema } from '../../src/api/schemas.ts';
import { toErrorPayload } from '../../src/model/errors.ts';
import { FakeLibrary, makePaper, type SeedPaper } from './fake-library.ts';
import { FakeSources } from './fake-sources.ts';

type UiState = OperationOutput<'getUiState'>;
type Call = { name: OperationName; input: unknown };
type Hold = { name: OperationName; match: (input: never) => boolean; gate: Promise<void> };

const filterOf = (input: { starred?: boolean; tag?: string; status?: 'to-read' | 'reading' | 'read'; source?: string }) => ({
  starred: input.starred,
  tag: input.tag,
  status: input.status,
  source: input.source,
});

/** Operations that broadcast their own events (follows, fetch progress), as the core's fetch jobs do. */
const OWN_EVENTS: ReadonlySet<OperationName> = new Set(['follow', 'unfollow', 'fetchSource', 'refresh', 'cancelFetch']);

const CHANGE_KIND: Partial<Record<OperationName, ChangeEvent['kind']>> = {
  importText: 'papers',
  addTags: 'tags',
  removeTags: 'tags',
  renameTag: 'tags',
  deleteTag: 'tags',
};

export class FakeBridge implements PapershelfBridge {
  /** What `stats` reports about a library still loading its older segments; tests set it. */
  loading: { segmentsLoaded: number; segments: number; papersLoaded: number; papers: number } | null = null;
  readonly library: FakeLibrary;
  /** Follows and fetch jobs; tests serve batches, cut the network and advance jobs through it. */
  readonly sources: FakeSources;
  ui: UiState;
  readonly calls: Call[] = [];
  readonly opened: string[] = [];
  readonly saved: Array<{ fileName: string; content: string; mimeType: string }> = [];
  private readonly holds: Hold[] = [];
  private readonly changeListeners = new Set<(event: ChangeEvent) => void>();
  private readonly menuListeners = new Set<(action: MenuAction) => void>();

  constructor(papers: SeedPaper[] = [], ui: Partial<UiState> = {}) {
    this.library = new FakeLibrary(papers);
    this.sources = new FakeSources(this.library, (event) => this.broadcast(event));
    this.ui = { ...DEFAULT_UI_STATE, ...ui };
  }

  /** A library of `count` generated papers, one per day going back from 2026-06-30. */
  static generated(count: number): FakeBridge {
    const bridge = new FakeBridge();
    const day = Date.UTC(2026, 5, 30);
    for (let i = 0; i < count; i += 1) {
      const published = new Date(day - i * 86_400_000).toISOString().slice(0, 10);
      bridge.library.put(makePaper({ id: `g${i}`, title: `Generated paper ${i}`, published, authors: [`Author ${i}`] }, i));
    }
    return bridge;
  }

  /** Answers to matching calls wait until the returned function is called. */
  hold<N extends OperationName>(name: N, match: (input: OperationInput<N>) => boolean = () => true): () => void {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ name, match: match as (input: never) => boolean, gate });
    return release;
  }

  callsOf<N extends OperationName>(name: N): Array<OperationInput<N>> {
    return this.calls.filter((call) => call.name === name).map((call) => call.input as OperationInput<N>);
  }

  /** Broadcasts a change event, as the core does for changes made by another process. */
  broadcast(event: ChangeEvent): void {
    for (const listener of this.changeListeners) listener(event);
  }

  /** Sends a desktop menu command, as the Electron shell would. */
  menu(action: MenuAction): void {
    for (const listener of this.menuListeners) listener(action);
  }

  private async run<N extends OperationName>(name: N, input: OperationInput<N>, body: (input: never) => unknown): Promise<ApiResult<OperationOutput<N>>> {
    this.calls.push({ name, input });
    const hold = this.holds.find((candidate) => candidate.name === name && candidate.match(input as never));
    await (hold?.gate ?? Promise.resolve());
    const parsed = contract[name].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'bad-input', message: parsed.error.issues[0]?.message ?? 'invalid input' } };
    let value: unknown;
    try {
      value = body(parsed.data as never);
    } catch (error) {
      return { ok: false, error: toErrorPayload(error) };
    }
    if (contract[name].mutates && !OWN_EVENTS.has(name)) {
      const id = (parsed.data as { id?: string }).id;
      const event: ChangeEvent = { kind: CHANGE_KIND[name] ?? 'annotations', ids: id ? [id] : [], at: new Date().toISOString() };
      setTimeout(() => this.broadcast(event), 0);
    }
    return { ok: true, value: value as OperationOutput<N> };
  }

  importText: PapershelfBridge['importText'] = (input) => this.run('importText', input, (i: { text: string }) => this.library.importJson(i.text));
  listPapers: PapershelfBridge['listPapers'] = (input) =>
    this.run('listPapers', input, (i: OperationInput<'listPapers'>) => this.library.list(filterOf(i), i.sort, i.offset, i.limit));
  search: PapershelfBridge['search'] = (input) =>
    this.run('search', input, (i: OperationInput<'search'>) => this.library.search(i.query, filterOf(i), i.sort, i.offset, i.limit));
  getPaper: PapershelfBridge['getPaper'] = (input) => this.run('getPaper', input, (i: { id: string }) => this.library.view(i.id));
  similarPapers: PapershelfBridge['similarPapers'] = (input) =>
    this.run('similarPapers', input, (i: { id: string; limit?: number }) => ({ results: this.library.similar(i.id, i.limit) }));
  setStar: PapershelfBridge['setStar'] = (input) =>
    this.run('setStar', input, (i: { id: string; starred: boolean }) => this.library.annotate(i.id, (a) => ({ ...a, starred: i.starred })));
  addTags: PapershelfBridge['addTags'] = (input) => this.run('addTags', input, (i: { id: string; tags: string[] }) => this.library.addTags(i.id, i.tags));
  removeTags: PapershelfBridge['removeTags'] = (input) =>
    this.run('removeTags', input, (i: { id: string; tags: string[] }) => this.library.removeTags(i.id, i.tags));
  listTags: PapershelfBridge['listTags'] = (input) => this.run('listTags', input, () => ({ tags: this.library.tags() }));
  renameTag: PapershelfBridge['renameTag'] = (input) =>
    this.run('renameTag', input, (i: { from: string; to: string }) => ({ papers: this.library.retag(i.from, i.to) }));
  deleteTag: PapershelfBridge['deleteTag'] = (input) => this.run('deleteTag', input, (i: { tag: string }) => ({ papers: this.library.retag(i.tag, null) }));
  setStatus: PapershelfBridge['setStatus'] = (input) =>
    this.run('setStatus', input, (i: OperationInput<'setStatus'>) => this.library.annotate(i.id, (a) => ({ ...a, status: i.status })));
  setNote: PapershelfBridge['setNote'] = (input) => this.run('setNote', input, (i: { id: string; text: string }) => this.library.setNote(i.id, i.text));
  appendNote: PapershelfBridge['appendNote'] = (input) =>
    this.run('appendNote', input, (i: { id: string; text: string }) => {
      const current = this.library.view(i.id).note;
      return this.library.setNote(i.id, current ? `${current}\n\n${i.text}` : i.text);
    });
  noteHistory: PapershelfBridge['noteHistory'] = (input) => this.run('noteHistory', input, (i: { id: string }) => this.library.noteHistory(i.id));
  restoreNote: PapershelfBridge['restoreNote'] = (input) =>
    this.run('restoreNote', input, (i: { id: string; version: number }) => this.library.restoreNote(i.id, i.version));
  exportPapers: PapershelfBridge['exportPapers'] = (input) =>
    this.run('exportPapers', input, (i: OperationInput<'exportPapers'>) => {
      const { results } = this.library.list(filterOf(i));
      const content = i.format === 'markdown' ? results.map((paper) => `- ${paper.title}`).join('\n') : JSON.stringify(results);
      return { content, fileName: `papershelf.${i.format}`, mimeType: 'text/plain', count: results.length };
    });
  stats: PapershelfBridge['stats'] = (input) =>
    this.run('stats', input, () => {
      const annotations = [...this.library.annotations.values()];
      const sources = new Map<string, number>();
      for (const paper of this.library.papers.values()) for (const source of paper.sources) sources.set(source, (sources.get(source) ?? 0) + 1);
      const status = { 'to-read': 0, reading: 0, read: 0 };
      for (const annotation of annotations) if (annotation.status) status[annotation.status] += 1;
      return {
        papers: this.library.papers.size,
        starred: annotations.filter((a) => a.starred).length,
        tagged: annotations.filter((a) => a.tags.length > 0).length,
        notes: this.library.notes.size,
        status,
        tags: this.library.tags().length,
        sources: [...sources].map(([name, count]) => ({ name, count })),
        segments: 1,
        dataDir: '/fake',
        problems: [],
        loading: this.loading,
      };
    });
  getUiState: PapershelfBridge['getUiState'] = (input) => this.run('getUiState', input, () => this.ui);
  saveUiState: PapershelfBridge['saveUiState'] = (input) =>
    this.run('saveUiState', input, (change: Partial<UiState>) => (this.ui = uiStateSchema.parse({ ...this.ui, ...change })));

  listFollows: PapershelfBridge['listFollows'] = (input) => this.run('listFollows', input, () => this.sources.list());
  listFetchJobs: PapershelfBridge['listFetchJobs'] = (input) => this.run('listFetchJobs', input, () => this.sources.listJobs());
  follow: PapershelfBridge['follow'] = (input) => this.run('follow', input, (i: OperationInput<'follow'>) => this.sources.follow(i));
  unfollow: PapershelfBridge['unfollow'] = (input) => this.run('unfollow', input, (i: { id: string }) => this.sources.unfollow(i.id));
  fetchSource: PapershelfBridge['fetchSource'] = (input) => this.run('fetchSource', input, (i: OperationInput<'fetchSource'>) => this.sources.fetch(i));
  refresh: PapershelfBridge['refresh'] = (input) => this.run('refresh', input, () => this.sources.refresh());
  cancelFetch: PapershelfBridge['cancelFetch'] = (input) => this.run('cancelFetch', input, (i: { job: string }) => this.sources.cancel(i.job));

  onChange(listener: (event: ChangeEvent) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onMenu(listener: (action: MenuAction) => void): () => void {
    this.menuListeners.add(listener);
    return () => this.menuListeners.delete(listener);
  }

  async openExternal(url: string): Promise<boolean> {
    if (!/^https?:\/\//i.test(url)) return false;
    this.opened.push(url);
    return true;
  }

  async saveFile(fileName: string, content: string, mimeType: string): Promise<boolean> {
    this.saved.push({ fileName, content, mimeType });
    return true;
  }
}
