/**
 * Runs in the sandboxed, context-isolated preload: the page sees only `window.papershelf`, never
 * ipcRenderer or Node. Bundled by main/build.mjs, since a sandboxed preload cannot require files.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge } from './preload-bridge.ts';

contextBridge.exposeInMainWorld('papershelf', createPreloadBridge(ipcRenderer));
