import type { BenchModel } from './case.js';
import { buildReference } from './reference-model.js';

/** Bench cases by name. A case is a function returning a BenchModel. */
export const CASES: Record<string, () => BenchModel | Promise<BenchModel>> = {
  reference: () => buildReference(),
  // Imported lazily: the bench script may depend on the app layer, the core package may not.
  'translate-default': async () => (await import('../../../apps/translate/bench/translate-default.js')).buildTranslateDefault(),
};
