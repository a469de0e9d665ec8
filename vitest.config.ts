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
  },
});
