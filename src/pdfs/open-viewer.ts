/**
 * Opens a file in the system's viewer: `open` on macOS, `xdg-open` elsewhere on Unix, Explorer on
 * Windows (cmd's `start` would read `%` and `&` in the path as its own syntax). The program gets the
 * path as one argument, never through a shell. `PAPERSHELF_PDF_VIEWER` names another program.
 */
import { spawn } from 'node:child_process';
import { PapershelfError } from '../model/errors.ts';

export function viewerCommand(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const chosen = env.PAPERSHELF_PDF_VIEWER?.trim();
  if (chosen) return chosen;
  if (platform === 'darwin') return 'open';
  if (platform === 'win32') return 'explorer.exe';
  return 'xdg-open';
}

/** Starts the viewer and returns once it runs (it is left running); a missing program is one line. */
export function openInViewer(path: string, env: NodeJS.ProcessEnv): Promise<void> {
  const command = viewerCommand(env);
  return new Promise((resolve, reject) => {
    const child = spawn(command, [path], { detached: true, stdio: 'ignore', shell: false, env });
    child.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? 'is not installed' : error.message;
      reject(new PapershelfError('internal', `cannot open the PDF: ${command} ${why} (set PAPERSHELF_PDF_VIEWER to a viewer program)`));
    });
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
