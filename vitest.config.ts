import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// vitest 5's reporter calls Map.groupBy, which Node 20 lacks; the config runs in the main process.
const mapWithGroupBy = Map as unknown as { groupBy?: unknown };
if (!mapWithGroupBy.groupBy) {
  mapWithGroupBy.groupBy = <K, V>(items: Iterable<V>, key: (v: V, i: number) => K): Map<K, V[]> => {
    const out = new Map<K, V[]>();
    let i = 0;
    for (const v of items) {
      const k = key(v, i++);
      const list = out.get(k);
      if (list) list.push(v);
      else out.set(k, [v]);
    }
    return out;
  };
}

// Generous timeouts: end-to-end app tests take seconds on an idle machine but minutes on a loaded one.
const common = { testTimeout: 300_000, hookTimeout: 300_000, setupFiles: ['./packages/testing/src/setup.ts'] };
export default defineConfig({
  test: {
    // Each package, app and test/ is a project so `--project NAME` runs one of them.
    projects: [
      ...['core', 'search', 'metrics', 'text', 'decoder-lstm', 'image', 'audio', 'datasets', 'cli', 'testing', 'pipeline', 'speech2text', 'image2text', 'text2text', 'models', 'plot', 'native'].filter((p) => existsSync(`./packages/${p}`)).map((p) => ({
        extends: true as const,
        test: { name: p, root: `./packages/${p}`, include: ['src/**/*.test.ts'], ...common, setupFiles: ['../testing/src/setup.ts'] },
      })),
      ...['translate', 'summarize', 'chat', 'caption', 'transcribe', 'codegen', 'g2p', 'seq2seq'].filter((a) => existsSync(`./apps/${a}`)).map((a) => ({
        extends: true as const,
        test: { name: a, root: `./apps/${a}`, include: ['src/**/*.test.ts'], ...common, setupFiles: ['../../packages/testing/src/setup.ts'] },
      })),
      // The wasm kernel tests again without the native addon (SEQ2SEQ_NATIVE=0): plain wasm kernels and the fallback notice.
      { extends: true as const, test: { name: 'core-no-native', root: './packages/core', include: ['src/backend/*.test.ts', 'src/loss.test.ts'], env: { SEQ2SEQ_NATIVE: '0' }, ...common, setupFiles: ['../testing/src/setup.ts'] } },
      // The web page: its Node-side tests and, in headless Chromium, the built page (built once per run by the globalSetup).
      { extends: true as const, test: { name: 'web', root: './apps/web', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], globalSetup: ['./test/global-setup.ts'], ...common, setupFiles: ['../../packages/testing/src/setup.ts'] } },
      { extends: true as const, test: { name: 'integration', root: './test', include: ['**/*.test.ts'], ...common, setupFiles: ['../packages/testing/src/setup.ts'] } },
    ],
    pool: 'forks',
    maxWorkers: 2,
  },
});
