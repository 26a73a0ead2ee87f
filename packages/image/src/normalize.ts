/**
 * How pixel values in [0, 255] are mapped before they reach a network.
 * 'zero-one': x / 255. 'minus-one-one': x / 127.5 - 1.
 * { mean, std }: (x / 255 - mean) / std per channel (torchvision style, e.g. ImageNet
 * mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225]).
 */
export type Normalization = 'zero-one' | 'minus-one-one' | { mean: readonly [number, number, number]; std: readonly [number, number, number] };

/** Returns a new HWC array normalised per `norm`. */
export function normalizePixels(rgb: Float32Array, norm: Normalization): Float32Array {
  const out = new Float32Array(rgb.length);
  if (norm === 'zero-one') {
    for (let i = 0; i < rgb.length; i++) out[i] = rgb[i]! / 255;
  } else if (norm === 'minus-one-one') {
    for (let i = 0; i < rgb.length; i++) out[i] = rgb[i]! / 127.5 - 1;
  } else {
    if (norm.std.some((s) => !(s > 0))) throw new Error(`normalization std must be positive, got [${norm.std}]`);
    for (let i = 0; i < rgb.length; i++) out[i] = (rgb[i]! / 255 - norm.mean[i % 3]!) / norm.std[i % 3]!;
  }
  return out;
}
