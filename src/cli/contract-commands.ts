/**
 * The CLI as a door of the contract: for every operation, the command that reaches it, or why a
 * terminal has no use for it. Typed by OperationName, so adding an operation to the contract
 * without deciding its CLI form does not compile (and test/cli/contract-coverage.test.ts fails).
 */
import type { OperationName } from '../api/contract.ts';

export type CliForm = { commands: string[] } | { notInCli: string };

export const CLI_FORMS: Record<OperationName, CliForm> = {
  importText: { commands: ['import'] },
  listPapers: { commands: ['list'] },
  search: { commands: ['search'] },
  getPaper: { commands: ['show', 'note'] },
  similarPapers: { commands: ['similar'] },
  recommend: { commands: ['recommend', 'digest'] },
  setStar: { commands: ['star', 'unstar'] },
  addTags: { commands: ['tag'] },
  removeTags: { commands: ['untag'] },
  listTags: { commands: ['tags'] },
  renameTag: { commands: ['rename-tag'] },
  deleteTag: { commands: ['delete-tag'] },
  setStatus: { commands: ['status'] },
  applyChanges: { notInCli: "the window's bulk actions and its undo; a terminal changes one paper per command (`star`, `tag`, `status`)" },
  listIds: { notInCli: 'the window selecting a whole list; in a terminal, `list --json` and `search --json` give the ids' },
  setNote: { commands: ['note'] },
  appendNote: { commands: ['note'] },
  noteHistory: { commands: ['note'] },
  restoreNote: { commands: ['note'] },
  listDevices: { commands: ['devices'] },
  forgetDevice: { commands: ['devices'] },
  exportPapers: { commands: ['export'] },
  stats: { commands: ['stats'] },
  getUiState: { notInCli: 'the window remembers its own layout and view; a terminal has none' },
  saveUiState: { notInCli: 'the window remembers its own layout and view; a terminal has none' },
  listFollows: { commands: ['following'] },
  follow: { commands: ['follow'] },
  unfollow: { commands: ['unfollow'] },
  fetchSource: { commands: ['fetch'] },
  refresh: { commands: ['refresh'] },
  cancelFetch: {
    notInCli: 'fetch jobs live in the process that runs them; `fetch` and `refresh` run in the foreground and Ctrl+C cancels them',
  },
  enrichPapers: { commands: ['enrich'] },
  enrichStatus: { commands: ['enrich'] },
  pdfInfo: { commands: ['pdf'] },
  fetchPdfs: { commands: ['pdf'] },
  removePdf: { commands: ['pdf'] },
  importPdfs: { commands: ['pdf'] },
  getPdfSettings: { commands: ['pdf'] },
  savePdfSettings: { commands: ['pdf'] },
  listFetchJobs: {
    notInCli: 'fetch jobs live in the process that runs them; `fetch` and `refresh` show their own progress until they end',
  },
};
