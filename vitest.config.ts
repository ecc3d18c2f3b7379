import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Commands the tests spawn (bin/mizan.js) run the current sources; tests/cli/bundle.test.ts runs
    // the bundle itself, which `npm test` builds first (pretest).
    env: { MIZAN_FROM_SOURCES: '1' },
  },
});
