/**
 * The two things the window may ask of the desktop besides the contract: open a link in the system
 * browser (http and https only, per the shared external-url rule) and save exported text where the
 * user chooses. Inputs are validated here like contract inputs.
 */
import { z } from 'zod';
import { externalUrl } from '../src/api/external-url.ts';

export const openExternalInput = z.object({ url: z.string().max(8192) });
export const saveFileInput = z.object({
  fileName: z.string().min(1).max(255),
  // An export of the whole library (JSON backup) can be large; the dialog is the user's consent.
  content: z.string().max(512 * 1024 * 1024),
  mimeType: z.string().max(200),
});
export type SaveFileRequest = z.infer<typeof saveFileInput>;

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/** Opens `url` in the system browser when it is an absolute http(s) URL; refuses everything else. */
export async function openExternalSafely(shell: ShellLike, url: unknown): Promise<boolean> {
  const safe = externalUrl(url);
  if (safe === null) return false;
  await shell.openExternal(safe);
  return true;
}

/** A name for the save dialog's default: no folders, no control characters, no leading dots. */
export function suggestedFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^\.+/, '').trim();
  return clean === '' ? 'papershelf-export.txt' : clean;
}
