/**
 * Runs in the sandboxed, context-isolated preload: the page sees only `window.papershelf`, never
 * ipcRenderer or Node. Bundled by main/build.mjs, since a sandboxed preload cannot require files.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { OperationName } from '../src/api/contract.ts';
import { createPreloadBridge } from './preload-bridge.ts';

/**
 * The contract's OPERATION_NAMES, written in by main/build.mjs: importing contract.ts here would put
 * all of zod (~450 kB with its locales) into the preload for a list of names.
 */
declare const PAPERSHELF_OPERATION_NAMES: readonly OperationName[];

contextBridge.exposeInMainWorld('papershelf', createPreloadBridge(ipcRenderer, PAPERSHELF_OPERATION_NAMES));
