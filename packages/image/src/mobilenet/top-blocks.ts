import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '@seq2seq/core';
import { depthwiseConv3x3 } from './depthwise.js';

/** Depthwise-separable blocks in MobileNet v1 (Conv2d_1 .. Conv2d_13). */
export const MOBILENET_V1_BLOCKS = 13;
/** The most top blocks that can be fine-tuned (7 = blocks 7..13, all on the 14x14 and 7x7 grids). */
export const MAX_FINE_TUNE_BLOCKS = 7;

// Output channels of block b's pointwise conv at alpha 1 (index b - 1); Conv2d_0 gives 32.
const POINTWISE = [64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024];
const STRIDE_2 = new Set([2, 4, 6, 12]);
const PREFIX = 'module_apply_default/MobilenetV1/MobilenetV1';

/** The graph node whose output feeds the top `k` blocks (k = 0: the last one, Conv2d_13). */
export function frozenNode(k: number): string {
  return `${PREFIX}/Conv2d_${MOBILENET_V1_BLOCKS - k}_pointwise/Relu6`;
}

/** One block's shapes for a width multiplier. */
export interface BlockSpec {
  /** 1..13 */
  readonly index: number;
  /** Channels in (= the depthwise conv's) and out (the pointwise conv's). */
  readonly inChannels: number;
  readonly outChannels: number;
  readonly stride: 1 | 2;
  /** Side of the square grid the block reads (224 input). */
  readonly inSide: number;
}

export function blockSpec(index: number, alpha: number): BlockSpec {
  const ch = (c: number) => Math.round(c * alpha);
  const halvings = [...STRIDE_2].filter((s) => s < index).length;
  return {
    index,
    inChannels: ch(index === 1 ? 32 : POINTWISE[index - 2]!),
    outChannels: ch(POINTWISE[index - 1]!),
    stride: STRIDE_2.has(index) ? 2 : 1,
    inSide: 112 / 2 ** halvings,
  };
}

/** The graph constants of block b (what `TopBlocks.initFrom` copies). */
export function pretrainedNames(b: number): Record<'depthwise' | 'depthwiseScale' | 'depthwiseOffset' | 'pointwise' | 'pointwiseOffset', string> {
  const bn = (part: string) => `${PREFIX}/Conv2d_${b}_${part}/BatchNorm/FusedBatchNorm`;
  return {
    depthwise: `module/MobilenetV1/Conv2d_${b}_depthwise/depthwise_weights`,
    depthwiseScale: `${bn('depthwise')}/Scaled`,
    depthwiseOffset: `${bn('depthwise')}/Offset`,
    pointwise: `${PREFIX}/Conv2d_${b}_pointwise/Conv2D/merged_input`,
    pointwiseOffset: `${bn('pointwise')}/Offset`,
  };
}

interface BlockVars {
  spec: BlockSpec;
  /** [3, 3, C, 1] */ depthwise: tf.Variable;
  /** [C] */ depthwiseScale: tf.Variable;
  /** [C] */ depthwiseOffset: tf.Variable;
  /** [C, C'] (the graph's [1, 1, C, C'] as a matrix: the 1x1 conv is a matMul) */ pointwise: tf.Variable;
  /** [C'] */ pointwiseOffset: tf.Variable;
}

/**
 * The top k depthwise-separable blocks of MobileNet v1 as trainable variables (`block{b}/...` in the
 * given store): depthwise 3x3 * scale + offset, Relu6, pointwise 1x1 + offset, Relu6, exactly the
 * frozen graph's ops (batch norm folded into scale/offset). Created with random values; `initFrom`
 * copies the pretrained constants.
 */
export class TopBlocks {
  readonly blocks: readonly BlockVars[];

  constructor(store: ParamStore, alpha: number, k: number) {
    const blocks: BlockVars[] = [];
    for (let b = MOBILENET_V1_BLOCKS - k + 1; b <= MOBILENET_V1_BLOCKS; b++) {
      const spec = blockSpec(b, alpha);
      const s = store.scope(`block${b}`);
      const [c, o] = [spec.inChannels, spec.outChannels];
      blocks.push({
        spec,
        depthwise: s.variable('depthwise', [3, 3, c, 1], { kind: 'glorot' }),
        depthwiseScale: s.variable('depthwise_scale', [c], { kind: 'ones' }),
        depthwiseOffset: s.variable('depthwise_offset', [c], { kind: 'zeros' }),
        pointwise: s.variable('pointwise', [c, o], { kind: 'glorot' }),
        pointwiseOffset: s.variable('pointwise_offset', [o], { kind: 'zeros' }),
      });
    }
    this.blocks = blocks;
  }

  /** The first block's input [side, side, channels]. */
  get inputShape(): [number, number, number] {
    const first = this.blocks[0]!.spec;
    return [first.inSide, first.inSide, first.inChannels];
  }

  /** x [B, side, side, C] (the frozen node's output) -> [B, 7, 7, 1024 * alpha] */
  apply(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => {
      let y = x;
      for (const v of this.blocks) {
        const d = depthwiseConv3x3(y, v.depthwise as tf.Tensor4D, v.spec.stride);
        const dn = tf.relu6(tf.add(tf.mul(d, v.depthwiseScale), v.depthwiseOffset)) as tf.Tensor4D;
        const [b, h, w, c] = dn.shape;
        const p = tf.add(tf.matMul(tf.reshape(dn, [b * h * w, c]), v.pointwise), v.pointwiseOffset);
        y = tf.reshape(tf.relu6(p), [b, h, w, v.spec.outChannels]);
      }
      return y;
    });
  }

  /** Copies the pretrained constants (GraphModel `weights`: name -> [tensor]); checks every shape first. */
  initFrom(weights: Readonly<Record<string, tf.Tensor[]>>): void {
    const pairs: [tf.Variable, tf.Tensor][] = [];
    for (const v of this.blocks) {
      const names = pretrainedNames(v.spec.index);
      for (const key of Object.keys(names) as (keyof typeof names)[]) {
        const t = weights[names[key]]?.[0];
        if (!t) throw new Error(`MobileNet graph has no constant '${names[key]}' (needed to initialise block ${v.spec.index})`);
        const target = v[key];
        const want = key === 'pointwise' ? [1, 1, ...target.shape] : target.shape;
        if (t.shape.join() !== want.join()) throw new Error(`MobileNet constant '${names[key]}' is [${t.shape}], block ${v.spec.index} expects [${want}]`);
        pairs.push([target, t]);
      }
    }
    for (const [target, t] of pairs) tf.tidy(() => target.assign(tf.reshape(t, target.shape)));
  }
}
