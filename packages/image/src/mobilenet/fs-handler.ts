import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface ModelJson {
  modelTopology?: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/**
 * An IOHandler that reads a TF.js model directory (model.json + weight shards) with node:fs, so
 * `tf.loadGraphModel` / `@tensorflow-models/mobilenet` can load local files without a server
 * (tfjs's own `file://` handler lives in tfjs-node, which may be absent). Errors name the file.
 */
export function fileSystemHandler(dir: string): tf.io.IOHandler {
  return {
    load: async (): Promise<tf.io.ModelArtifacts> => {
      const modelPath = join(dir, 'model.json');
      const json = JSON.parse(await readOrThrow(modelPath, 'model.json').then((b) => b.toString('utf8'))) as ModelJson;
      if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
        throw new Error(`'${modelPath}' is not a TF.js model.json (no modelTopology or weightsManifest)`);
      }
      const shards: Buffer[] = [];
      for (const group of json.weightsManifest) {
        for (const p of group.paths) shards.push(await readOrThrow(join(dir, p), `weight shard listed in ${modelPath}`));
      }
      const all = Buffer.concat(shards);
      const artifacts: tf.io.ModelArtifacts = {
        modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
        weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      };
      if (json.format !== undefined) artifacts.format = json.format;
      if (json.generatedBy !== undefined) artifacts.generatedBy = json.generatedBy;
      if (json.convertedBy !== undefined && json.convertedBy !== null) artifacts.convertedBy = json.convertedBy;
      return artifacts;
    },
  };
}

async function readOrThrow(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new Error(`cannot read ${what} '${path}': ${(e as Error).message}`);
  }
}
