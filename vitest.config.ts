import { defineConfig } from 'vitest/config';

const common = { testTimeout: 120_000, hookTimeout: 120_000, setupFiles: ['./packages/testing/src/setup.ts'] };
export default defineConfig({
  test: {
    // Each package, app and test/ is a project so `--project NAME` runs one of them.
    projects: [
      ...['core', 'search', 'metrics', 'text', 'decoder-lstm', 'image', 'audio', 'datasets', 'cli', 'testing'].map((p) => ({
        extends: true as const,
        test: { name: p, root: `./packages/${p}`, include: ['src/**/*.test.ts'], ...common, setupFiles: ['../testing/src/setup.ts'] },
      })),
      ...['translate', 'summarize', 'chat', 'caption', 'transcribe', 'codegen'].map((a) => ({
        extends: true as const,
        test: { name: a, root: `./apps/${a}`, include: ['src/**/*.test.ts'], ...common, setupFiles: ['../../packages/testing/src/setup.ts'] },
      })),
      { extends: true as const, test: { name: 'integration', root: './test', include: ['**/*.test.ts'], ...common, setupFiles: ['../packages/testing/src/setup.ts'] } },
    ],
    pool: 'forks',
    maxWorkers: 2,
  },
});
