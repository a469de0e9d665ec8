/**
 * `devices [--json]`: the devices that changed a synced library, with their last change;
 * `devices forget ID`: a retired device's changes are kept in this device's snapshot and its files removed.
 */
import type { Command } from 'commander';
import type { CliContext } from './context.ts';

export function registerDevicesCommands(program: Command, ctx: CliContext): void {
  const devices = program
    .command('devices')
    .description('list the devices that changed this synced library, newest change first')
    .option('--json', 'print {"thisDevice","devices":[{"deviceId","lastChangeAt","thisDevice"}],"problems"}')
    .action(async (opts: { json?: boolean }) => {
      const { listDevices } = await import('../sync/device-list.ts');
      const listing = await listDevices(ctx.dataDir(), ctx.io.env);
      if (opts.json) return ctx.printJson(listing);
      const lines = listing.devices.map((d) => `${d.deviceId}${d.thisDevice ? ' (this device)' : ''}  last change ${d.lastChangeAt}`);
      if (lines.length === 0) lines.push(`no changes yet; this device is ${listing.thisDevice}`);
      for (const problem of listing.problems) lines.push(`warning: ${problem}`);
      ctx.print(lines.join('\n'));
    });
  devices
    .command('forget')
    .description("retire a device: its changes stay in the library, its files are compacted into this device's")
    .argument('<id>', 'the device id (see `papershelf devices`)')
    .option('--json', 'print {"forgotten","removedFiles","snapshot"}')
    .action(async (id: string, opts: { json?: boolean }) => {
      const { forgetDevice } = await import('../sync/device-list.ts');
      const report = await forgetDevice(ctx.dataDir(), id, ctx.io.env);
      if (opts.json) return ctx.printJson(report);
      ctx.print(`forgot ${report.forgotten}: its changes are kept; ${report.removedFiles} of its files removed`);
    });
}
