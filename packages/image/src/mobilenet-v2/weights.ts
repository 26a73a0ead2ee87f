import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Environment variable naming the local MobileNet v2 LayersModel folder (model.json + shards). */
export const MOBILENET_V2_DIR_ENV = 'SEQ2SEQ_MOBILENET_V2_DIR';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The copy shipped with the caption model (models/caption/, in the repository: works offline after install). */
export const SHIPPED_V2_DIR = resolve(REPO_ROOT, 'models', 'caption', 'mobilenet-v2-1.0-224');

/** Where the v2 1.0 weights live on a machine laid out like ours: <repo root>/../shared/models/... */
export const DEFAULT_V2_DIR = resolve(REPO_ROOT, '..', 'shared', 'models', 'mobilenet-v2-1.0-224');

/** The spatial map used as the encoder grid (7x7x1280 at 224) and the input range the weights expect. */
export const V2_GRID_LAYER = 'Conv_1';
export const V2_GRID_CHANNELS = 1280;

/**
 * Path-independent names of weight files we know, by sha256: a checkpoint records the name and the
 * hash, never the folder, so it loads on another machine with the same weights anywhere.
 */
const KNOWN_WEIGHTS: Readonly<Record<string, string>> = {
  // ../shared/models/mobilenet-v2-1.0-224/group1-shard1of1.bin: Google's mobilenet_v2_1.0_224_quant
  // (google-coral/test_data@104342d), uint8 weights unchanged (see that folder's PROVENANCE.md).
  '2df28fdc94b9f6f2c2950a8cd908e7a4afb987946c72a0ff5644c9fbab1fd0fd': 'mobilenet_v2_1.0_224_quant',
};

/** Which weights an encoder was built on: stored in checkpoint configs. */
export interface V2WeightsId {
  /** A known name (`KNOWN_WEIGHTS`), else the folder's base name. */
  id: string;
  /** sha256 of the weight shards, concatenated in manifest order (one shard: the file's own sha256). */
  sha256: string;
}

/**
 * The folder to load: the explicit option, else $SEQ2SEQ_MOBILENET_V2_DIR, else the copy shipped in
 * models/caption/, else the shared copy (the same weights: a checkpoint's sha256 is checked either way).
 * Resolved at load time and never stored in configs. There is no hosted fallback: this encoder
 * never fetches weights over the network, so a missing folder is an error that says where it looked.
 */
export function resolveV2Dir(modelDir?: string): string {
  const dir = modelDir ?? process.env[MOBILENET_V2_DIR_ENV] ?? (existsSync(join(SHIPPED_V2_DIR, 'model.json')) ? SHIPPED_V2_DIR : DEFAULT_V2_DIR);
  if (!existsSync(join(dir, 'model.json'))) {
    const how = modelDir ? 'the given folder' : process.env[MOBILENET_V2_DIR_ENV] ? `$${MOBILENET_V2_DIR_ENV}` : 'the default shared copy';
    throw new Error(
      `no MobileNet v2 model.json in '${dir}' (${how}); point --mobilenet-v2-dir or $${MOBILENET_V2_DIR_ENV} at a TF.js LayersModel folder ` +
        `(e.g. ../shared/models/mobilenet-v2-1.0-224); weights are never downloaded`,
    );
  }
  return dir;
}

interface ManifestGroup {
  paths: string[];
  weights: tf.io.WeightsManifestEntry[];
}

/** Bytes a manifest entry occupies in its shard (quantised weights: 1 or 2 bytes per value). */
function entryBytes(w: tf.io.WeightsManifestEntry): number {
  const n = w.shape.reduce((a, b) => a * b, 1);
  const q = w.quantization?.dtype;
  if (q) return n * (q === 'uint8' ? 1 : 2);
  if (w.dtype === 'float32' || w.dtype === 'int32') return n * 4;
  throw new Error(`unsupported weight dtype ${w.dtype} (${w.name})`);
}

/** A loaded v2: the sub-model from the input to the grid layer, its source folder and identity. */
export interface LoadedV2 {
  /** pixels in [-1, 1] [B, H, W, 3] -> Conv_1 [B, H/32, W/32, 1280] */
  readonly grid: tf.LayersModel;
  readonly dir: string;
  readonly weights: V2WeightsId;
}

// Frozen and identical for equal folders, so encoders share them (as the v1 loader does).
const cache = new Map<string, Promise<LoadedV2>>();

/** Loads (once per folder) a MobileNet v2 LayersModel and checks it is one: every error names the folder. */
export function loadMobileNetV2(dir: string): Promise<LoadedV2> {
  const key = resolve(dir);
  let p = cache.get(key);
  if (!p) {
    p = load(key);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

async function load(dir: string): Promise<LoadedV2> {
  const bad = (why: string): never => {
    throw new Error(`MobileNet v2 folder '${dir}' is damaged or not a LayersModel: ${why}`);
  };
  let json: { modelTopology?: unknown; format?: string; weightsManifest?: ManifestGroup[] };
  try {
    json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as typeof json;
  } catch (e) {
    return bad(`model.json is unreadable (${(e as Error).message})`);
  }
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) return bad('model.json has no modelTopology or weightsManifest');
  if (json.format !== undefined && json.format !== 'layers-model') bad(`model.json format is '${json.format}', expected 'layers-model'`);
  // Sizes first: a truncated shard would otherwise fail deep inside tfjs with no file name.
  const hash = createHash('sha256');
  const shards: Buffer[] = [];
  for (const group of json.weightsManifest) {
    const need = group.weights.reduce((a, w) => a + entryBytes(w), 0);
    let have = 0;
    for (const p of group.paths) {
      const path = join(dir, p);
      if (!existsSync(path)) bad(`weight shard '${p}' listed in model.json is missing`);
      have += statSync(path).size;
    }
    if (have !== need) bad(`shards ${group.paths.join(', ')} hold ${have} bytes, model.json's manifest needs ${need} (truncated or swapped files)`);
    for (const p of group.paths) {
      const b = readFileSync(join(dir, p));
      hash.update(b);
      shards.push(b);
    }
  }
  const sha256 = hash.digest('hex');
  const all = Buffer.concat(shards);
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      }),
    );
  } catch (e) {
    return bad(`tf.loadLayersModel failed (${(e as Error).message})`);
  }
  let gridLayer: tf.layers.Layer;
  try {
    gridLayer = model.getLayer(V2_GRID_LAYER);
  } catch {
    model.dispose();
    return bad(`no layer '${V2_GRID_LAYER}' (the 7x7x1280 map of MobileNet v2 1.0)`);
  }
  const out = gridLayer.output as tf.SymbolicTensor;
  if (out.shape[3] !== V2_GRID_CHANNELS) {
    model.dispose();
    bad(`layer '${V2_GRID_LAYER}' has ${String(out.shape[3])} channels, expected ${V2_GRID_CHANNELS} (alpha 1.0)`);
  }
  // The sub-model shares the full model's weights; the classifier head is simply never run.
  const grid = tf.model({ inputs: model.inputs, outputs: out });
  return { grid, dir, weights: { id: KNOWN_WEIGHTS[sha256] ?? basename(dir), sha256 } };
}

/** Disposes every cached v2 model (tests; a long-lived process switching folders). */
export async function disposeMobileNetV2Models(): Promise<void> {
  const all = [...cache.values()];
  cache.clear();
  for (const p of all) (await p.catch(() => undefined))?.grid.dispose();
}
