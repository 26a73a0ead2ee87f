import type { OptionSpecs } from '@seq2seq/cli';
import { MOBILENET_V2_DIR_ENV } from '@seq2seq/image';

/** Where pretrained encoder weights come from: a load-time setting, never stored in a checkpoint. */
export const weightsOptions = {
  'mobilenet-v2-dir': { type: 'string', description: `MobileNet v2 LayersModel folder (default: $${MOBILENET_V2_DIR_ENV}, else ../shared/models/mobilenet-v2-1.0-224; never downloaded)` },
} as const satisfies OptionSpecs;

/**
 * Applies --mobilenet-v2-dir. Through the environment, because encoders rebuilt from a checkpoint
 * come from registry factories that take only (config, store): the folder must be found at load().
 */
export function applyWeightsOptions(o: Record<string, unknown>): void {
  const dir = o['mobilenet-v2-dir'];
  if (dir !== undefined && dir !== '') process.env[MOBILENET_V2_DIR_ENV] = String(dir);
}
