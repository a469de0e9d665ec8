// Loads the bundled main process (build/main/main.cjs, or the path in argv[2]) with a fake of the
// Electron APIs it touches, plays one session (the window asks for stats, imports a file, a foreign
// frame tries a call, the menu sends Find) and prints what happened as one JSON line.
// Env: APP_PATH (folder with build/renderer), USER_DATA, IMPORT_FILE.
'use strict';
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');

const report = { privileged: null, appEvents: [], windows: [], loaded: [], ipcChannels: [], sent: [], protocol: [], menu: [], errors: [] };
const handlers = {};
const windows = [];

const electron = {
  app: {
    requestSingleInstanceLock: () => true,
    on: (event) => report.appEvents.push(event),
    whenReady: () => Promise.resolve(),
    getPath: (name) => (name === 'userData' ? process.env.USER_DATA : process.env.USER_DATA + '/' + name),
    getAppPath: () => process.env.APP_PATH,
    isPackaged: true,
    quit: () => report.appEvents.push('quit()'),
  },
  BrowserWindow: class {
    constructor(options) {
      report.windows.push(options);
      windows.push(this);
      this.webContents = { send: (channel, payload) => report.sent.push([channel, payload]) };
    }
    once() {}
    on() {}
    maximize() {}
    isDestroyed() { return false; }
    loadURL(url) { report.loaded.push(url); return Promise.resolve(); }
  },
  dialog: { showErrorBox: (title, message) => report.errors.push(`${title}: ${message}`) },
  ipcMain: { handle: (channel, handler) => { handlers[channel] = handler; report.ipcChannels.push(channel); }, removeHandler() {} },
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

async function waitFor(check) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
}

async function play() {
  require(resolve(process.argv[2]));
  await waitFor(() => handlers['papershelf:invoke'] && report.loaded.length > 0);
  const invoke = handlers['papershelf:invoke'];
  const own = { senderFrame: { url: 'papershelf://app/index.html' } };
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
  console.log(JSON.stringify(report));
  process.exit(0);
}

play().catch((error) => {
  console.log(JSON.stringify({ ...report, crashed: String(error && error.stack) }));
  process.exit(1);
});
