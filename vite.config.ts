/**
 * Builds the React window (renderer/) into build/renderer/. `base: './'` keeps every asset URL
 * relative, so the same build loads from the Electron custom protocol and from `papershelf serve`.
 * The welcome screen's sample listing is copied in too and fetched from the page's own origin.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** The sample listing the welcome screen offers, served beside the window as samples/NAME. */
const SAMPLES = ['hf-papers-page.txt'];

function copySamples(): Plugin {
  return {
    name: 'papershelf-samples',
    generateBundle() {
      for (const name of SAMPLES) {
        const source = readFileSync(fileURLToPath(new URL(`./assets/samples/${name}`, import.meta.url)));
        this.emitFile({ type: 'asset', fileName: `samples/${name}`, source });
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), copySamples()],
  // pdf.js's worker (renderer/lib/pdf-engine.ts) is an ES module: bundled as one, loaded with type "module".
  worker: { format: 'es' },
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
