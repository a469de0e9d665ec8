/**
 * What the UI sees of the core, whichever door it came through: the Electron preload exposes exactly
 * this as `window.papershelf` (named functions only), and browser mode implements it over HTTP.
 *
 * HTTP form (src/server): `POST /api/<operation>` with the JSON input as body and the header
 * `X-Papershelf-Token: <token>`; the answer is the ApiResult JSON. Change events stream from
 * `GET /api/events?token=<token>` as Server-Sent Events whose data is a ChangeEvent.
 */
import type { ApiResult, ChangeEvent, OperationInput, OperationName, OperationOutput } from './contract.ts';

export type BridgeOperations = {
  [N in OperationName]: (input: OperationInput<N>) => Promise<ApiResult<OperationOutput<N>>>;
};

/** Commands the desktop menu sends to the window. */
export type MenuAction = 'import-file' | 'paste-listing' | 'export' | 'find' | 'shortcuts' | 'toggle-theme';

export interface PapershelfBridge extends BridgeOperations {
  /** Called after every change the core persisted, from any window, tab or process. Returns unsubscribe. */
  onChange(listener: (event: ChangeEvent) => void): () => void;
  /** Opens an http(s) link in the system browser; any other scheme is refused (resolves false). */
  openExternal(url: string): Promise<boolean>;
  /** Saves exported text where the user chooses (a download in the browser). */
  saveFile(fileName: string, content: string, mimeType: string): Promise<boolean>;
  /** Desktop menu commands; never called in browser mode. Returns unsubscribe. */
  onMenu(listener: (action: MenuAction) => void): () => void;
}
