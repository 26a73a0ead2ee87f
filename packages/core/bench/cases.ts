import type { BenchModel } from './case.js';
import { buildReference } from './reference-model.js';

/**
 * Bench cases by name. A case is a function returning a BenchModel. 'translate-default' (the
 * translate app's default model) is to be added here once that app exports a builder.
 */
export const CASES: Record<string, () => BenchModel | Promise<BenchModel>> = {
  reference: () => buildReference(),
};
