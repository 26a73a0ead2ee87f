// Vitest setup for every project: the cpu backend keeps unit tests deterministic and quick to start;
// backend-specific tests select their own backend explicitly.
import * as tf from '@tensorflow/tfjs';

const want = process.env.SEQ2SEQ_TEST_BACKEND ?? 'cpu';
await tf.setBackend(want);
await tf.ready();
