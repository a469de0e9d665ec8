// Dependency direction (DESIGN.md): the core in src/ knows nothing of its doors; the window runs in a
// browser and takes from src/ only the contract's types and a few pure modules. `npm run lint` and
// test/architecture/dependency-rules.test.ts check these rules.

/** Modules of src/ the window may import: they use neither Node nor Electron (renderer/tsconfig.json). */
const BROWSER_SAFE_SRC = [
  '^src/api/(bridge|contract|schemas|ui-defaults|external-url|search-sequence)\\.ts$',
  '^src/model/(paper|errors|paper-id|ui-state|ui-state-schema)\\.ts$',
  '^src/library/paper-view\\.ts$',
  '^src/library/enrich/(enrich-schema|paper-gaps)\\.ts$',
  // The PDF and full-text parts of the contract (schemas and their constants only).
  '^src/pdfs/(pdf-contract|pdf-keep-choices)\\.ts$',
  '^src/store/follow-pdfs\\.ts$',
  '^src/search/fulltext/fulltext-schema\\.ts$',
  // Citations in the window (BibTeX and CSL through citeproc) and everything they import.
  '^src/export/(paper-view-item|bibtex|bibliography|csl-json|citation-keys|names|paper-facts|types|latex-escape)\\.ts$',
  '^src/export/csl/(apa-style|chicago-style|ieee-style|nature-style|shared-macros|citeproc\\.d)\\.ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-door',
      comment: 'src/ is the core: it never imports the Electron shell (main/) or the window (renderer/).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(main|renderer)/' },
    },
    {
      name: 'core-imports-no-electron',
      comment: 'src/ runs in plain Node (CLI, server); Electron is only for main/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'window-imports-browser-safe-src',
      comment: 'renderer/ takes from src/ only the contract types and the pure modules listed in BROWSER_SAFE_SRC.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^src/', pathNot: BROWSER_SAFE_SRC },
    },
    {
      name: 'browser-safe-src-stays-browser-safe',
      comment: 'A module of BROWSER_SAFE_SRC imports from src/ only other BROWSER_SAFE_SRC modules, so the rules below see all window code.',
      severity: 'error',
      from: { path: BROWSER_SAFE_SRC },
      to: { path: '^src/', pathNot: BROWSER_SAFE_SRC },
    },
    {
      name: 'window-code-uses-no-node',
      comment: 'Code that ends up in the window bundle never imports Node built-ins or Electron.',
      severity: 'error',
      from: { path: ['^renderer/', ...BROWSER_SAFE_SRC] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'window-code-uses-no-electron',
      comment: 'The window talks to Electron only through the preload bridge (window.papershelf).',
      severity: 'error',
      from: { path: ['^renderer/', ...BROWSER_SAFE_SRC] },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'store-imports-no-api',
      comment: 'src/store/ is the data folder; the contract (src/api/) is built on it, never the reverse.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/api/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(build|dist|node_modules)/' },
    // Type-only imports count too: a type import of main/ from src/ is still a wrong direction.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.cjs', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
