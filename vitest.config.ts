import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Child-process tests run the bundled CLI, built once per run (test/helpers/build-cli.ts).
    globalSetup: ['test/helpers/build-cli.ts'],
    // Online sources point at a closed loopback port unless a test starts its own replay server,
    // so nothing a test runs (an import that resolves titles on arXiv, a PDF fetch) leaves the machine.
    env: {
      PAPERSHELF_ARXIV_URL: 'http://127.0.0.1:9',
      PAPERSHELF_HF_URL: 'http://127.0.0.1:9',
      PAPERSHELF_ARXIV_PDF_URL: 'http://127.0.0.1:9',
    },
  },
});
