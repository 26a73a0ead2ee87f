// The allowed package import graph (README "Architecture"): each workspace package sits on a layer
// and may use only packages on lower layers, so components stay independent of each other and of
// the pipelines, and no pipeline reaches into another (image2text and speech2text once imported
// text2text for its generic helpers). Both the package.json dependencies and the import lines of
// the sources are checked, so an undeclared import cannot slip past the first check.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

/** Layer of each package (short name, without `@seq2seq/`); a package may depend only on lower layers. */
const LAYERS: Record<string, number> = {
  // Leaves: no @seq2seq dependency of their own.
  native: 0, cli: 0, plot: 0, models: 0, testing: 0,
  core: 1,
  // Components and data: each on its own, over core.
  text: 2, 'decoder-lstm': 2, image: 2, audio: 2, search: 2, metrics: 2, datasets: 2,
  // What every pipeline shares, whatever the modality.
  pipeline: 3,
  // The three pipelines; apps preset them.
  text2text: 4, image2text: 4, speech2text: 4,
};
/** Apps are above every package; the umbrella apps (seq2seq, and web, the page over the apps' models) may also use the other apps. */
const APP = 5;
const UMBRELLA_APP = 6;
const UMBRELLA_APPS = new Set(['app-seq2seq', 'app-web']);

interface Workspace {
  short: string;
  dir: string;
  layer: number;
  deps: Set<string>;
  devDeps: Set<string>;
}

function workspaces(): Workspace[] {
  const out: Workspace[] = [];
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, group))) {
      const dir = join(root, group, name);
      let pkg: { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
      try {
        pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      const short = pkg.name.replace(/^@seq2seq\//, '');
      const ours = (o: Record<string, string> | undefined) => new Set(Object.keys(o ?? {}).filter((d) => d.startsWith('@seq2seq/')).map((d) => d.slice('@seq2seq/'.length)));
      const layer = group === 'apps' ? (UMBRELLA_APPS.has(short) ? UMBRELLA_APP : APP) : LAYERS[short];
      if (layer === undefined) throw new Error(`package ${pkg.name} has no layer: add it to LAYERS in test/package-graph.test.ts (and the README's Architecture section)`);
      out.push({ short, dir, layer, deps: ours(pkg.dependencies), devDeps: ours(pkg.devDependencies) });
    }
  }
  return out;
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The @seq2seq packages a source file imports (static, side-effect, re-export and dynamic imports). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]@seq2seq\/([^/'"]+)/g)].map((m) => m[1]!);
}

const all = workspaces();
const byShort = new Map(all.map((w) => [w.short, w]));

describe('package import graph', () => {
  it('every package has a layer and depends only on lower layers', () => {
    const bad: string[] = [];
    for (const w of all) {
      for (const d of [...w.deps, ...w.devDeps]) {
        const target = byShort.get(d);
        if (!target) bad.push(`${w.short} -> ${d}: no such workspace package`);
        else if (target.layer >= w.layer && !(d === 'testing' && w.devDeps.has(d))) bad.push(`${w.short} (layer ${w.layer}) -> ${d} (layer ${target.layer})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('image2text and speech2text do not use text2text, nor any pipeline another', () => {
    for (const p of ['text2text', 'image2text', 'speech2text']) {
      const others = ['text2text', 'image2text', 'speech2text'].filter((o) => o !== p);
      expect([...byShort.get(p)!.deps].filter((d) => others.includes(d)), p).toEqual([]);
    }
  });

  it('sources import only packages their package.json declares (dev dependencies: tests, helpers, benches and scripts only)', () => {
    const bad: string[] = [];
    for (const w of all) {
      for (const file of ['src', 'bench', 'scripts'].flatMap((d) => {
        try {
          return tsFiles(join(w.dir, d));
        } catch {
          return [];
        }
      })) {
        const devOk = /\.test(-helper)?\.ts$|\/(bench|scripts)\//.test(file);
        for (const d of importsOf(file)) {
          // @seq2seq/testing is the workspace's test kit (tensor leak checks, fixtures): any test may use it.
          if (d === w.short || (d === 'testing' && devOk)) continue;
          const declared = w.deps.has(d) || (devOk && w.devDeps.has(d));
          if (!declared) bad.push(`${file.slice(root.length)} imports @seq2seq/${d}, which ${w.short}'s package.json does not declare`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
