/**
 * A note being edited: saved ~500 ms after the last keystroke, at once on blur, when the page is
 * hidden or closed, when the editor goes away (another paper selected), and when the desktop app
 * quits (it asks the page through the preload and waits for the save). The core's note replaces
 * the text only while there are no unsent edits, so a late echo of an earlier save never eats typing.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

export type SaveNote = (id: string, text: string) => Promise<boolean>;

/** What the desktop preload adds to `window.papershelf` (main/preload-bridge.ts); absent in a browser. */
interface QuitRequests {
  onQuitRequest(listener: () => unknown): () => void;
}

function quitRequests(win: Window): QuitRequests | null {
  const bridge = win.papershelf as Partial<QuitRequests> | undefined;
  return typeof bridge?.onQuitRequest === 'function' ? (bridge as QuitRequests) : null;
}

export function useNoteAutosave(paperId: string, savedText: string, save: SaveNote, delayMs = 500) {
  const [text, setText] = useState(savedText);
  const [pending, setPending] = useState(false);
  const state = useRef({
    id: paperId,
    text: savedText,
    /** What the core has or is being sent; null after a failed save, so the edits stay unsent. */
    sent: savedText as string | null,
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
  });
  const saveRef = useRef(save);
  useLayoutEffect(() => {
    saveRef.current = save;
  });

  useEffect(() => {
    const current = state.current;
    if (current.text !== current.sent) return;
    // The core drops whitespace-only notes; that is not a change worth replacing the text for.
    if (savedText === '' && current.text.trim() === '') return;
    current.text = savedText;
    current.sent = savedText;
    setText(savedText);
  }, [savedText]);

  /** Sends unsent edits now; resolves when the core has answered (at once if nothing was unsent). */
  const flush = useCallback((): Promise<void> => {
    const current = state.current;
    clearTimeout(current.timer);
    current.timer = undefined;
    if (current.text === current.sent) return Promise.resolve();
    const sending = current.text;
    current.sent = sending;
    setPending(true);
    return saveRef.current(current.id, sending).then((ok) => {
      if (!ok && current.sent === sending) current.sent = null;
      setPending(current.text !== current.sent);
    });
  }, []);

  const change = useCallback(
    (value: string) => {
      const current = state.current;
      current.text = value;
      setText(value);
      setPending(true);
      clearTimeout(current.timer);
      current.timer = setTimeout(flush, delayMs);
    },
    [flush, delayMs],
  );

  useEffect(() => {
    const send = () => void flush();
    window.addEventListener('pagehide', send);
    window.addEventListener('beforeunload', send);
    const stopQuit = quitRequests(window)?.onQuitRequest(flush);
    return () => {
      window.removeEventListener('pagehide', send);
      window.removeEventListener('beforeunload', send);
      stopQuit?.();
      void flush();
    };
  }, [flush]);

  return { text, change, flush, pending };
}
