import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/*
 * Two real Syncthing instances on 127.0.0.1, each with its own home, sharing one folder: no global or
 * local discovery, no relays, no NAT traversal, no usage reporting, no upgrades — loopback only.
 * Scans are started through the REST API rather than waited for, so a test's time is bounded.
 */

const FOLDER_ID = 'papershelf';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface Instance {
  home: string;
  folder: string;
  deviceId: string;
  listenPort: number;
  guiPort: number;
  apiKey: string;
  process?: ChildProcess;
  log: string[];
}

function generate(home: string): string {
  const run = spawnSync('syncthing', ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'], { encoding: 'utf8' });
  if (run.error) throw new Error(`syncthing is not installed (apt-get install syncthing): ${run.error.message}`);
  const id = /Device ID: ([A-Z0-9-]+)/.exec(`${run.stdout}${run.stderr}`)?.[1];
  if (run.status !== 0 || !id) throw new Error(`syncthing generate failed: ${run.stderr}`);
  return id;
}

function configXml(self: Instance, other: Instance): string {
  const device = (instance: Instance, name: string, address: string) =>
    `<device id="${instance.deviceId}" name="${name}" compression="metadata" introducer="false"><address>${address}</address><paused>false</paused><autoAcceptFolders>false</autoAcceptFolders></device>`;
  return `<configuration version="36">
  <folder id="${FOLDER_ID}" label="${FOLDER_ID}" path="${self.folder}" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="false" ignorePerms="false" autoNormalize="true">
    <filesystemType>basic</filesystemType>
    <device id="${self.deviceId}"></device>
    <device id="${other.deviceId}"></device>
    <minDiskFree unit="%">0</minDiskFree>
  </folder>
  ${device(self, 'self', 'dynamic')}
  ${device(other, 'other', `tcp://127.0.0.1:${other.listenPort}`)}
  <gui enabled="true" tls="false"><address>127.0.0.1:${self.guiPort}</address><apikey>${self.apiKey}</apikey></gui>
  <options>
    <listenAddress>tcp://127.0.0.1:${self.listenPort}</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled>
    <localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled>
    <natEnabled>false</natEnabled>
    <announceLANAddresses>false</announceLANAddresses>
    <reconnectionIntervalS>1</reconnectionIntervalS>
    <startBrowser>false</startBrowser>
    <urAccepted>-1</urAccepted>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
    <crashReportingEnabled>false</crashReportingEnabled>
    <stunKeepaliveStartS>0</stunKeepaliveStartS>
    <minHomeDiskFree unit="%">0</minHomeDiskFree>
  </options>
</configuration>
`;
}

export class SyncthingPair {
  private constructor(
    readonly a: Instance,
    readonly b: Instance,
  ) {}

  static async start(root: string): Promise<SyncthingPair> {
    const make = async (name: string): Promise<Instance> => {
      const home = join(root, `${name}-home`);
      const folder = join(root, `${name}-data`);
      mkdirSync(home, { recursive: true });
      mkdirSync(join(folder, '.stfolder'), { recursive: true });
      return { home, folder, deviceId: generate(home), listenPort: await freePort(), guiPort: await freePort(), apiKey: randomBytes(16).toString('hex'), log: [] };
    };
    const pair = new SyncthingPair(await make('a'), await make('b'));
    writeFileSync(join(pair.a.home, 'config.xml'), configXml(pair.a, pair.b));
    writeFileSync(join(pair.b.home, 'config.xml'), configXml(pair.b, pair.a));
    for (const instance of [pair.a, pair.b]) {
      const child = spawn('syncthing', ['serve', `--home=${instance.home}`, '--no-browser', '--no-restart', '--no-upgrade'], {
        env: { ...process.env, HOME: instance.home, STNOUPGRADE: '1', STNODEFAULTFOLDER: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so stopping it also stops any process it started.
        detached: true,
      });
      const keep = (chunk: Buffer) => instance.log.push(chunk.toString());
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      instance.process = child;
    }
    return pair;
  }

  async api(instance: Instance, method: 'GET' | 'POST', path: string): Promise<unknown> {
    const response = await fetch(`http://127.0.0.1:${instance.guiPort}${path}`, { method, headers: { 'X-API-Key': instance.apiKey } });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text === '' ? null : (JSON.parse(text) as unknown);
  }

  /** Waits until both REST APIs answer and the two devices are connected. */
  async waitConnected(deadline: number): Promise<void> {
    for (;;) {
      try {
        const connections = (await this.api(this.a, 'GET', '/rest/system/connections')) as { connections: Record<string, { connected: boolean }> };
        if (connections.connections[this.b.deviceId]?.connected) return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) throw new Error(`the two Syncthing instances did not connect:\n${this.a.log.join('').slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async scanBoth(): Promise<void> {
    await Promise.all([this.a, this.b].map((instance) => this.api(instance, 'POST', `/rest/db/scan?folder=${FOLDER_ID}`)));
  }

  /** Stops A from exchanging anything with B (and so B with A). */
  async pause(): Promise<void> {
    await this.api(this.a, 'POST', `/rest/system/pause?device=${this.b.deviceId}`);
  }

  async resume(): Promise<void> {
    await this.api(this.a, 'POST', `/rest/system/resume?device=${this.b.deviceId}`);
  }

  /** Stops both instances (their whole process groups) and waits, bounded, until they are gone. */
  async stop(): Promise<void> {
    await Promise.all(
      [this.a, this.b].map(async (instance) => {
        const child = instance.process;
        if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        const signal = (name: NodeJS.Signals) => {
          try {
            process.kill(-(child.pid as number), name);
          } catch {
            // Already gone.
          }
        };
        signal('SIGTERM');
        const timer = setTimeout(() => signal('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
