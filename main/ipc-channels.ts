/** IPC channel names shared by the preload and the main process. */
export const IPC_INVOKE = 'papershelf:invoke';
export const IPC_CHANGE = 'papershelf:change';
export const IPC_MENU = 'papershelf:menu';
/** Main -> window: save what you hold, the window is closing (payload: request id). */
export const IPC_FLUSH = 'papershelf:flush';
/** Window -> main: the flush with this id is done. */
export const IPC_FLUSHED = 'papershelf:flushed';

/** Calls the window may make besides the contract's operations. */
export const SHELL_OPERATIONS = ['openExternal', 'saveFile'] as const;
export type ShellOperation = (typeof SHELL_OPERATIONS)[number];
