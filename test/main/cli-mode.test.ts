import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { desktopCliArguments, prepareHeadless, runDesktopCli, type CliModeApp } from '../../main/cli-mode.ts';

function fakeApp() {
  const events: string[] = [];
  let exited: (code: number) => void = () => {};
  const exit = new Promise<number>((resolve) => (exited = resolve));
  const app: CliModeApp = {
    exit: (code) => {
      events.push(`exit ${code}`);
      exited(code);
    },
    disableHardwareAcceleration: () => void events.push('no gpu'),
    commandLine: { appendSwitch: (name, value) => void events.push(`--${name}=${value}`) },
    dock: { hide: () => void events.push('dock hidden') },
  };
  return { app, events, exit };
}

describe('desktop app as the papershelf command (main/cli-mode.ts)', () => {
  it('takes everything after the executable as CLI arguments when there is a command', () => {
    expect(desktopCliArguments(['/opt/Papershelf/papershelf', 'list', '--starred'], false)).toEqual(['list', '--starred']);
    expect(desktopCliArguments(['Papershelf.exe', '--data-dir', 'D:\\lib', 'stats', '--json'], false)).toEqual(['--data-dir', 'D:\\lib', 'stats', '--json']);
    expect(desktopCliArguments(['papershelf', '--help'], false)).toEqual(['--help']);
    expect(desktopCliArguments(['papershelf', '-V'], false)).toEqual(['-V']);
  });

  it('skips the app folder under `electron .`', () => {
    expect(desktopCliArguments(['/x/electron', '.', 'search', 'lunr'], true)).toEqual(['search', 'lunr']);
    expect(desktopCliArguments(['/x/electron', '.'], true)).toBeNull();
  });

  it('opens the window with no arguments or with Chromium switches only', () => {
    expect(desktopCliArguments(['/opt/Papershelf/papershelf'], false)).toBeNull();
    expect(desktopCliArguments(['/opt/Papershelf/papershelf', '--no-sandbox', '--ozone-platform=wayland'], false)).toBeNull();
  });

  it('prepares a run without display or GPU', () => {
    const linux = fakeApp();
    prepareHeadless(linux.app, 'linux');
    expect(linux.events).toEqual(['no gpu', '--ozone-platform=headless', 'dock hidden']);
    const windows = fakeApp();
    prepareHeadless(windows.app, 'win32');
    expect(windows.events).not.toContain('--ozone-platform=headless');
  });

  it("exits with the CLI's code only after its output has been written", async () => {
    const { app, events, exit } = fakeApp();
    const written: string[] = [];
    const stdout = new Writable({
      write(chunk: Buffer, _encoding, done) {
        // A slow pipe: the write completes later.
        setTimeout(() => {
          if (chunk.length > 0) {
            written.push(chunk.toString());
            events.push('written');
          }
          done();
        }, 20);
      },
    });
    await runDesktopCli(app, ['stats'], async (args) => {
      stdout.write(`ran ${args.join(' ')}\n`);
      return 2;
    }, stdout);
    expect(await exit).toBe(2);
    expect(written).toEqual(['ran stats\n']);
    expect(events).toEqual(['written', 'exit 2']);
  });

  it('exits 1 when the CLI itself throws', async () => {
    const { app, exit } = fakeApp();
    await runDesktopCli(app, ['x'], async () => {
      throw new Error('boom');
    }, new Writable({ write: (_c, _e, done) => done() }));
    expect(await exit).toBe(1);
  });
});
