/**
 * The Electron main process: thin by design. It opens the library of the user-data folder, serves
 * the window from `papershelf://app/`, routes the window's calls through the one IPC choke point
 * (ipc-router.ts) and relays the library's change events back. All behaviour lives in src/.
 * Started with a command (`papershelf list`), it is the CLI instead (cli-mode.ts).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, session, shell } from 'electron';
import type { MenuAction } from '../src/api/bridge.ts';
import { runCli } from '../src/cli/main.ts';
import { LibraryHost } from '../src/window-host/library-host.ts';
import { resolveDataDir } from '../src/store/data-dir.ts';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin.ts';
import { desktopCliArguments, prepareHeadless, runDesktopCli } from './cli-mode.ts';
import { IPC_CHANGE, IPC_FLUSHED, IPC_MENU } from './ipc-channels.ts';
import { registerIpcRouter } from './ipc-router.ts';
import { buildMenuTemplate } from './menu.ts';
import { withPdfRoute } from './pdf-protocol.ts';
import { APP_SCHEME_PRIVILEGES, createProtocolHandler } from './protocol.ts';
import { denyAllPermissions, hardenWebContents } from './security.ts';
import { openExternalSafely, suggestedFileName, type SaveFileRequest } from './shell-operations.ts';
import { flushBeforeClose, holdQuitUntilClosed, RendererFlush } from './quit-flush.ts';
import { mainWindowOptions } from './window-options.ts';
import { readWindowState, writeWindowState } from './window-state.ts';

let mainWindow: BrowserWindow | null = null;
let host: LibraryHost | null = null;
let quitRequested = false;
const rendererFlush = new RendererFlush();

const openExternal = (url: string) => openExternalSafely(shell, url);

function send(channel: string, payload: unknown): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
}

async function saveFile(request: SaveFileRequest): Promise<boolean> {
  const options = { defaultPath: join(app.getPath('downloads'), suggestedFileName(request.fileName)) };
  const choice = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return false;
  await writeFile(choice.filePath, request.content, 'utf8');
  return true;
}

function rememberBounds(window: BrowserWindow, stateDir: string): void {
  const save = () => {
    const bounds = window.getNormalBounds();
    try {
      writeWindowState(stateDir, { ...bounds, maximized: window.isMaximized() });
    } catch (error) {
      console.warn(`papershelf: could not save the window position: ${String(error)}`);
    }
  };
  window.on('close', save);
}

function createWindow(stateDir: string): BrowserWindow {
  const saved = readWindowState(stateDir);
  const preload = join(app.getAppPath(), 'build', 'main', 'preload.cjs');
  const window = new BrowserWindow(mainWindowOptions(preload, { bounds: saved, dark: nativeTheme.shouldUseDarkColors }));
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  // On macOS a close held during quit cancels the quit; ask again once the page has flushed.
  flushBeforeClose(window, rendererFlush, () => {
    if (quitRequested) app.quit();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  rememberBounds(window, stateDir);
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

function showWindow(stateDir: string): void {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
    return;
  }
  mainWindow = createWindow(stateDir);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const dataDir = resolveDataDir(process.env.PAPERSHELF_DATA_DIR || userData);
  host = await LibraryHost.open(dataDir, { onProblem: (message) => console.warn(`papershelf: ${message}`) });
  host.subscribe((event) => send(IPC_CHANGE, event));
  ipcMain.on(IPC_FLUSHED, (event, id) => rendererFlush.acknowledge(event, id));

  protocol.handle(APP_SCHEME, withPdfRoute(createProtocolHandler(join(app.getAppPath(), 'build', 'renderer')), () => host?.dataDir ?? null));
  denyAllPermissions(session.defaultSession);
  registerIpcRouter(ipcMain, {
    dispatch: host.dispatch,
    openExternal,
    saveFile,
    onRefused: (reason) => console.warn(`papershelf: refused: ${reason}`),
  });
  const template = buildMenuTemplate({
    isMac: process.platform === 'darwin',
    devTools: !app.isPackaged,
    send: (action: MenuAction) => send(IPC_MENU, action),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));

  showWindow(userData);
  app.on('second-instance', () => showWindow(userData));
  app.on('activate', () => showWindow(userData));
}

const cliArguments = desktopCliArguments(process.argv, Boolean(process.defaultApp));

if (cliArguments) {
  // The CLI takes the library's write lock like any other process; no single-instance lock here.
  prepareHeadless(app, process.platform);
  void runDesktopCli(app, cliArguments, (args) => runCli(args));
} else if (!app.requestSingleInstanceLock()) {
  // Another Papershelf is running; it was told to show its window (second-instance) and owns the library.
  app.quit();
} else {
  // Must happen before `ready`: gives the scheme a real, secure origin.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  // Every webContents, including any a future feature creates, gets the same rules.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    quitRequested = true;
  });
  holdQuitUntilClosed(app, async () => host?.close());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Papershelf could not start', error instanceof Error ? error.message : String(error));
      app.quit();
    });
}
