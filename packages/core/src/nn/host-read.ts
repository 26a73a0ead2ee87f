import * as tf from '@tensorflow/tfjs';

/**
 * Whether the current backend can read a tensor's values synchronously (`dataSync`). webgpu in Node
 * cannot (tfjs-backend-webgpu reads through an OffscreenCanvas, which Node lacks); code that only
 * uses the values to skip work (e.g. which steps are padded) takes its general path there.
 */
export function canReadSync(): boolean {
  return tf.getBackend() !== 'webgpu';
}

/** The values of t when the backend reads synchronously, else undefined. */
export function valuesIfSync(t: tf.Tensor): tf.TypedArray | undefined {
  return canReadSync() ? (t.dataSync() as tf.TypedArray) : undefined;
}

/**
 * x's value with no gradient path to x (tfjs has no stop-gradient): one customGrad op whose
 * gradient is zero. For indices fed back into the graph (argmax feeding an embedding lookup).
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  const body = (input: tf.Tensor) => ({ value: tf.clone(input), gradFunc: () => tf.zerosLike(input) });
  return tf.customGrad(body as unknown as Parameters<typeof tf.customGrad>[0])(x) as T;
}
