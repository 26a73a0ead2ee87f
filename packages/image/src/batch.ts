import * as tf from '@tensorflow/tfjs';

/** Decoded, resized, normalised images. `type` aliases (not interfaces) so they are tf.TensorContainers. */
export type PixelBatch = {
  /** [B, H, W, 3] */
  pixels: tf.Tensor4D;
};

/** Features a frozen encoder computed earlier (see `precomputeFeatures`); the encoder passes them through. */
export type FeatureBatch = {
  /** [B, S, D] */
  features: tf.Tensor3D;
};

/** What image encoders take: pixels, or cached CNN features for frozen encoders. */
export type ImageBatch = PixelBatch | FeatureBatch;

export function isFeatureBatch(batch: ImageBatch): batch is FeatureBatch {
  return 'features' in batch;
}

/** Stacks same-sized prepared images ([H * W * 3] each) into one PixelBatch. */
export function toImageBatch(images: readonly { height: number; width: number; data: Float32Array }[]): PixelBatch {
  const first = images[0];
  if (!first) throw new Error('toImageBatch: no images');
  const { height, width } = first;
  const all = new Float32Array(images.length * height * width * 3);
  images.forEach((img, i) => {
    if (img.height !== height || img.width !== width) {
      throw new Error(`toImageBatch: image ${i} is ${img.height}x${img.width}, image 0 is ${height}x${width}`);
    }
    all.set(img.data, i * height * width * 3);
  });
  return { pixels: tf.tensor4d(all, [images.length, height, width, 3]) };
}
