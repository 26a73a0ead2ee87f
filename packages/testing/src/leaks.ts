import * as tf from '@tensorflow/tfjs';

/**
 * Runs `fn` and throws if it leaves tensors behind. Every tensor-producing test goes through this.
 * `allow` is the number of tensors the function is expected to return/keep (default 0).
 */
export async function expectNoLeaks<T>(fn: () => T | Promise<T>, allow = 0): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await fn();
  const after = tf.memory().numTensors;
  if (after - before !== allow) {
    throw new Error(`tensor leak: ${after - before} tensors left (expected ${allow})`);
  }
  return result;
}
