import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';

// The packages the web page (apps/web) imports must bundle for a browser: their "browser" entries
// may import no Node built-in (node:*, fs, worker_threads, ...), not even lazily (bundlers resolve
// dynamic imports too), and must not reach the native addon or tfjs-node.
const root = fileURLToPath(new URL('..', import.meta.url));
const BROWSER_SAFE = ['core', 'text', 'decoder-lstm', 'search', 'metrics', 'audio', 'pipeline', 'text2text', 'speech2text'];
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

interface BundleReport {
  /** Node built-ins the bundle could not resolve, with the file importing them. */
  nodeImports: string[];
  /** Other errors (e.g. an export the browser entry lacks). */
  errors: string[];
  /** Bundled files that must never reach a browser. */
  forbidden: string[];
}

async function bundleForBrowser(entry: string): Promise<BundleReport> {
  const result = await esbuild
    .build({
      stdin: { contents: `export * from '${entry}';`, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      logLevel: 'silent',
      metafile: true,
    })
    .then(
      (r) => ({ errors: [] as esbuild.Message[], inputs: Object.keys(r.metafile.inputs) }),
      (e: esbuild.BuildFailure) => ({ errors: e.errors, inputs: [] as string[] }),
    );
  const where = (m: esbuild.Message) => m.location?.file ?? '?';
  const unresolved = (m: esbuild.Message) => /^Could not resolve "([^"]+)"/.exec(m.text)?.[1];
  return {
    nodeImports: result.errors.filter((m) => builtins.has(unresolved(m) ?? '')).map((m) => `${unresolved(m)} <- ${where(m)}`),
    errors: result.errors.filter((m) => !builtins.has(unresolved(m) ?? '')).map((m) => `${m.text} (${where(m)})`),
    forbidden: result.inputs.filter((f) => /packages\/native\/|tfjs-node|backend\/(init|wasm-threads|native-kernels|native-lstm)\.ts/.test(f)),
  };
}

describe('browser bundles', () => {
  for (const pkg of BROWSER_SAFE) {
    it(`@seq2seq/${pkg} bundles for platform browser without Node built-ins`, async () => {
      const r = await bundleForBrowser(`@seq2seq/${pkg}`);
      expect(r).toEqual({ nodeImports: [], errors: [], forbidden: [] });
    });
  }

  it('the check catches Node imports: the Node entry of @seq2seq/core does not bundle for a browser', async () => {
    const r = await bundleForBrowser('./packages/core/src/index.ts');
    expect(r.nodeImports).toContain('node:os <- packages/core/src/backend/init.ts');
    expect(r.nodeImports).toContain('node:fs/promises <- packages/core/src/checkpoint/load.ts');
    expect(r.nodeImports.some((i) => i.endsWith('packages/native/src/index.ts'))).toBe(true);
  });
});
