/**
 * Builds the React window (renderer/) into build/renderer/. `base: './'` keeps every asset URL
 * relative, so the same build loads from the Electron custom protocol and from `papershelf serve`.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./build/renderer', import.meta.url)),
    emptyOutDir: true,
    // Chromium preloads modules natively; the polyfill would only add code to the entry chunk.
    modulePreload: { polyfill: false },
    // KaTeX fonts must be files, not data: URLs, so `font-src 'self'` suffices.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
});
