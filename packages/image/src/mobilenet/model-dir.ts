import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Environment variable naming a local MobileNet directory (the folder with model.json, or its parent with graph/). */
export const MOBILENET_DIR_ENV = 'SEQ2SEQ_MOBILENET_DIR';

/** The repository root (three levels above this package's src/mobilenet). */
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Where the v1 0.25 weights live on a machine laid out like ours: <repo root>/../shared/models/... */
export const DEFAULT_SHARED_DIR = resolve(REPO_ROOT, '..', 'shared', 'models', 'mobilenet-v1-0.25-224');

/**
 * The local graph-model directory to load, resolved at load time (never stored in configs, so a
 * checkpoint works on another machine): the explicit option, else $SEQ2SEQ_MOBILENET_DIR, else the
 * shared copy when it exists and matches {version 1, alpha 0.25}. Undefined means: use the hosted
 * weights (internet). An explicit directory that holds no model.json is an error.
 */
export function resolveModelDir(options: { modelDir?: string; version: number; alpha: number }): string | undefined {
  const explicit = options.modelDir ?? process.env[MOBILENET_DIR_ENV];
  if (explicit) {
    const dir = graphDirIn(explicit);
    if (!dir) throw new Error(`no MobileNet model.json in '${explicit}' or '${join(explicit, 'graph')}'`);
    return dir;
  }
  if (options.version === 1 && options.alpha === 0.25) return graphDirIn(DEFAULT_SHARED_DIR);
  return undefined;
}

/** `dir/graph` when it holds model.json (the shared layout), else `dir` when it does. */
function graphDirIn(dir: string): string | undefined {
  if (existsSync(join(dir, 'graph', 'model.json'))) return join(dir, 'graph');
  if (existsSync(join(dir, 'model.json'))) return dir;
  return undefined;
}
