import type * as tf from '@tensorflow/tfjs';
import * as mobilenet from '@tensorflow-models/mobilenet';
import { fileSystemHandler } from './fs-handler.js';

/** The parts of the loaded model this package uses. */
export interface LoadedMobileNet {
  /** The high-level model from @tensorflow-models/mobilenet (classify, infer). */
  readonly net: mobilenet.MobileNet;
  /** Its underlying frozen graph, for intermediate nodes (`execute(x, nodeName)`). */
  readonly graph: tf.GraphModel;
  /** The local directory it came from, or undefined for the hosted weights. */
  readonly dir: string | undefined;
}

// Loaded models are frozen and identical for equal sources, so encoders share them.
const cache = new Map<string, Promise<LoadedMobileNet>>();

/**
 * Loads MobileNet through @tensorflow-models/mobilenet's own `load()` (a local directory goes in as
 * an IOHandler through `modelUrl`). Cached per source.
 */
export function loadMobileNet(version: 1 | 2, alpha: mobilenet.MobileNetAlpha, dir: string | undefined): Promise<LoadedMobileNet> {
  const key = `${version}|${alpha}|${dir ?? 'hosted'}`;
  let p = cache.get(key);
  if (!p) {
    p = load(version, alpha, dir);
    cache.set(key, p);
    p.catch(() => cache.delete(key)); // let a later call retry
  }
  return p;
}

async function load(version: 1 | 2, alpha: mobilenet.MobileNetAlpha, dir: string | undefined): Promise<LoadedMobileNet> {
  // With a modelUrl, the package assumes input range [-1, 1]; the v1/v2 TF Hub graphs want [0, 1].
  const config: mobilenet.ModelConfig = dir ? { version, alpha, modelUrl: fileSystemHandler(dir), inputRange: [0, 1] } : { version, alpha };
  let net: mobilenet.MobileNet;
  try {
    net = await mobilenet.load(config);
  } catch (e) {
    const from = dir ? `'${dir}'` : 'the hosted weights (set SEQ2SEQ_MOBILENET_DIR for a local copy)';
    throw new Error(`cannot load MobileNet v${version} alpha ${alpha} from ${from}: ${(e as Error).message}`);
  }
  // The package keeps the GraphModel in a `model` field that its typings do not declare.
  const graph = (net as unknown as { model?: tf.GraphModel }).model;
  if (!graph || typeof graph.execute !== 'function') {
    throw new Error('@tensorflow-models/mobilenet no longer exposes its GraphModel as `.model`; update load-model.ts');
  }
  return { net, graph, dir };
}

/** Disposes every cached model (their weights); later loads read the files again. */
export async function disposeMobileNetModels(): Promise<void> {
  const all = [...cache.values()];
  cache.clear();
  for (const p of all) (await p.catch(() => undefined))?.graph.dispose();
}
