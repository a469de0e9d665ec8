// Loads the bundled main process (build/main/main.cjs, or the path in argv[2]) with a fake of the
// Electron APIs it touches, plays one session and prints what happened as one JSON line.
// HARNESS_MODE=window (default): the window asks for stats, imports a file, a foreign frame tries a
//   call, the menu sends Find.
// HARNESS_MODE=quit: a note is typed, the window is closed (the page flushes the note only when asked),
//   then the app quits while a second write is still running.
// HARNESS_MODE=cli: the app is started as `Papershelf <HARNESS_ARGS...>` (JSON array).
// Env: APP_PATH (folder with build/renderer), USER_DATA, IMPORT_FILE.
'use strict';
const Module = require('node:module');
const { readFileSync, existsSync, readdirSync } = require('node:fs');
const { join, resolve } = require('node:path');

const mode = process.env.HARNESS_MODE || 'window';
const report = { mode, privileged: null, appEvents: [], windows: [], loaded: [], ipcChannels: [], sent: [], protocol: [], menu: [], errors: [], switches: [], exit: null, quits: [] };
const handlers = {};
const appListeners = {};
const windows = [];

function notesOnDisk() {
  const dir = join(process.env.USER_DATA, 'notes');
  return existsSync(dir) ? readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8')) : [];
}

const electron = {
  app: {
    requestSingleInstanceLock: () => {
      report.appEvents.push('requestSingleInstanceLock()');
      return true;
    },
    on: (event, listener) => {
      report.appEvents.push(event);
      (appListeners[event] ||= []).push(listener);
    },
    whenReady: () => Promise.resolve(),
    getPath: (name) => (name === 'userData' ? process.env.USER_DATA : process.env.USER_DATA + '/' + name),
    getAppPath: () => process.env.APP_PATH,
    isPackaged: true,
    // What was on disk at the moment the app really quits.
    quit: () => report.quits.push(notesOnDisk()),
    exit: (code) => {
      report.exit = code;
      finish();
    },
    disableHardwareAcceleration: () => report.switches.push('disableHardwareAcceleration'),
    commandLine: { appendSwitch: (name, value) => report.switches.push(value === undefined ? name : `${name}=${value}`) },
  },
  BrowserWindow: class {
    constructor(options) {
      report.windows.push(options);
      windows.push(this);
      this.listeners = {};
      this.closed = false;
      this.webContents = { send: (channel, payload) => report.sent.push([channel, payload]) };
    }
    once() {}
    on(event, listener) {
      (this.listeners[event] ||= []).push(listener);
    }
    /** Like Electron: runs the close listeners; closes unless one of them prevented it. */
    close() {
      let prevented = false;
      for (const listener of this.listeners.close || []) listener({ preventDefault: () => (prevented = true) });
      report.appEvents.push(prevented ? 'window close held' : 'window closed');
      if (!prevented) this.closed = true;
    }
    maximize() {}
    isMaximized() { return false; }
    getNormalBounds() { return { x: 0, y: 0, width: 1200, height: 800 }; }
    isDestroyed() { return this.closed; }
    loadURL(url) { report.loaded.push(url); return Promise.resolve(); }
  },
  dialog: { showErrorBox: (title, message) => report.errors.push(`${title}: ${message}`) },
  ipcMain: {
    handle: (channel, handler) => { handlers[channel] = handler; report.ipcChannels.push(channel); },
    on: (channel, handler) => { handlers[channel] = handler; report.ipcChannels.push(channel); },
    removeHandler() {},
  },
  Menu: { setApplicationMenu: (menu) => { report.menu = menu; }, buildFromTemplate: (template) => template },
  nativeTheme: { shouldUseDarkColors: false },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => { report.privileged = schemes; },
    handle: (scheme, handler) => { handlers[`protocol:${scheme}`] = handler; },
  },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setDevicePermissionHandler() {} } },
  shell: { openExternal: async () => {} },
};

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};

let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  console.log(JSON.stringify(report));
  process.exit(0);
}

async function waitFor(check) {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
}

const own = { senderFrame: { url: 'papershelf://app/index.html' } };

async function playWindow(invoke) {
  report.stats = await invoke(own, { op: 'stats', input: {} });
  report.foreign = await invoke({ senderFrame: { url: 'https://attacker.example/' } }, { op: 'stats', input: {} });
  report.imported = await invoke(own, { op: 'importText', input: { text: readFileSync(process.env.IMPORT_FILE, 'utf8') } });
  const serve = handlers['protocol:papershelf'];
  for (const url of ['papershelf://app/', 'papershelf://app/%2e%2e/package.json']) {
    const response = await serve(new Request(url));
    report.protocol.push({ url, status: response.status, csp: response.headers.get('content-security-policy') });
  }
  const find = report.menu.flatMap((m) => m.submenu || []).find((item) => item.label === 'Find Papers');
  find.click();
}

/** Fires an app event the way Electron does; returns whether a listener prevented it. */
function emitApp(event) {
  let prevented = false;
  for (const listener of appListeners[event] || []) listener({ preventDefault: () => (prevented = true) });
  return prevented;
}

async function playQuit(invoke) {
  await invoke(own, { op: 'importText', input: { text: readFileSync(process.env.IMPORT_FILE, 'utf8') } });
  const { value } = await invoke(own, { op: 'listPapers', input: { limit: 2 } });
  const [first, second] = value.results.map((paper) => paper.id);
  // The page holds an unsaved note; it sends it when main asks it to flush, then acknowledges.
  handlers.pageFlush = async (id) => {
    report.flushAnswered = await invoke(own, { op: 'setNote', input: { id: first, text: 'typed just before quitting' } });
    handlers['papershelf:flushed'](own, id);
  };
  const window = windows[0];
  emitApp('before-quit');
  window.close();
  const request = report.sent.find(([channel]) => channel === 'papershelf:flush');
  report.flushRequested = Boolean(request);
  report.notesWhenCloseHeld = notesOnDisk();
  if (request) await handlers.pageFlush(request[1]);
  await waitFor(() => window.closed);
  // A write still running when the app quits (another window's call, a background merge...).
  const lateWrite = invoke(own, { op: 'appendNote', input: { id: second, text: 'appended while quitting' } });
  const quitsBefore = report.quits.length;
  report.willQuitPrevented = emitApp('will-quit');
  report.quitsRightAfterWillQuit = report.quits.length - quitsBefore;
  await lateWrite;
  await waitFor(() => report.quits.length > quitsBefore);
}

async function play() {
  if (mode === 'cli') {
    process.argv = [process.execPath, ...JSON.parse(process.env.HARNESS_ARGS || '[]')];
    require(resolve(process.env.HARNESS_MAIN));
    return; // app.exit() prints the report
  }
  process.argv = [process.execPath];
  require(resolve(process.env.HARNESS_MAIN));
  await waitFor(() => handlers['papershelf:invoke'] && report.loaded.length > 0);
  const invoke = handlers['papershelf:invoke'];
  if (mode === 'quit') await playQuit(invoke);
  else await playWindow(invoke);
  finish();
}

process.env.HARNESS_MAIN ||= process.argv[2];
play().catch((error) => {
  console.log(JSON.stringify({ ...report, crashed: String(error && error.stack) }));
  process.exit(1);
});
