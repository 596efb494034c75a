import { defineConfig } from 'vitest/config';

// End-to-end tests drive the production build (dist/) in Debian Chromium; one browser at a time on 2 cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    setupFiles: ['test/support/i18n-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
