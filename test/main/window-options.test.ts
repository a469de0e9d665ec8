import { describe, expect, it } from 'vitest';
import { mainWindowOptions, secureWebPreferences } from '../../main/window-options.ts';

describe('window options', () => {
  it('spells out exactly the secure webPreferences of DESIGN.md', () => {
    expect(secureWebPreferences('/app/build/main/preload.cjs')).toEqual({
      preload: '/app/build/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    });
  });

  it('uses those preferences for the main window, hidden until its first paint, at the saved place', () => {
    const options = mainWindowOptions('/p.cjs', { bounds: { x: 10, y: 20, width: 1000, height: 700 }, dark: true });
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
    expect(options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false, backgroundColor: '#16181d' });
    const fresh = mainWindowOptions('/p.cjs', { bounds: null, dark: false });
    expect(fresh).not.toHaveProperty('x');
    expect(fresh).toMatchObject({ width: 1280, height: 820, backgroundColor: '#ffffff' });
  });
});
