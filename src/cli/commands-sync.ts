/**
 * `sync enable`: moves the library to the sync layout (each device writes only its own files), after
 * which the data folder can live in Dropbox, Syncthing, iCloud Drive, OneDrive, Nextcloud or git.
 */
import type { Command } from 'commander';
import type { CliContext } from './context.ts';

export function registerSyncCommands(program: Command, ctx: CliContext): void {
  const sync = program.command('sync').description('share this library between devices through a synced folder');
  sync
    .command('enable')
    .description('move the library to the sync layout (a backup is kept); run once, then put the folder in any sync tool')
    .option('--json', 'print {"outcome","deviceId","annotations","notes","backup"}')
    .action(async (opts: { json?: boolean }) => {
      const [{ enableSync }, { resolveDeviceId }] = await Promise.all([import('../sync/sync-migration.ts'), import('../sync/device-identity.ts')]);
      const dataDir = ctx.dataDir();
      const report = await enableSync(dataDir, resolveDeviceId(dataDir, { env: ctx.io.env }));
      if (opts.json) return ctx.printJson({ outcome: report.outcome, deviceId: report.deviceId, annotations: report.annotations, notes: report.notes, backup: report.backup });
      if (report.outcome === 'already') return ctx.print(`this library is already synced; this device is ${report.deviceId}`);
      ctx.print(
        `moved to the sync layout as device ${report.deviceId}: ${report.annotations} annotated papers and ${report.notes} notes (a copy is in ${report.backup}). The folder can now be shared by a sync tool.`,
      );
    });
}
