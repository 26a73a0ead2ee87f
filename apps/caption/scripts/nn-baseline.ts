// `node --import tsx apps/caption/scripts/nn-baseline.ts [EMOJI_DIR] [--train google[,twitter]] [--test twitter] [--trim]`
// A retrieval baseline and ceiling check for frozen features: each test-style image gets the caption
// of the training-style image whose pooled MobileNet embedding is nearest (cosine; several training
// styles: nearest over all their images). Its exact-match rate says how much of the cross-style task
// the frozen features can carry on their own.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@seq2seq/core';
import { isFeatureBatch, MobileNetEncoder } from '@seq2seq/image';
import { prepareInputs } from '@seq2seq/image2text';
import { readLines } from '@seq2seq/datasets';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : dflt;
};
const dir = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '../shared/data/emoji';
const [trainStyle, testStyle] = [arg('train', 'google'), arg('test', 'twitter')];
const trim = process.argv.includes('--trim'); // crop each icon to its drawn pixels first, as captioning does by default
await initBackend({ log: () => {} });
const captions = new Map(readLines(`${dir}/captions.tsv`).slice(1).map((l) => l.split('\t') as [string, string]));
const names = [...captions.keys()].sort();
const encoder = new MobileNetEncoder({ alpha: 0.25 });

/** Unit-length pooled embeddings [N, D] of one style's images. */
async function embed(style: string): Promise<tf.Tensor2D> {
  const paths = names.map((n) => `${dir}/${style}/64/${n}`);
  const { inputs } = await prepareInputs(encoder, paths, { loadSize: 64, trim, log: (l) => console.error(`${style}: ${l}`) });
  return tf.tidy(() => {
    const b = inputs.batch(paths);
    if (!isFeatureBatch(b)) throw new Error('expected cached features');
    const pooled = tf.mean(b.features, 1);
    return tf.div(pooled, tf.norm(pooled, 2, 1, true)) as tf.Tensor2D;
  });
}
const trainStyles = trainStyle.split(',');
const galleries = [];
for (const s of trainStyles) galleries.push(await embed(s));
const train = tf.concat(galleries);
const test = await embed(testStyle);
const nearest = tf.tidy(() => tf.argMax(tf.matMul(test, train, false, true), 1).dataSync());
const guess = (i: number) => captions.get(names[nearest[i]! % names.length]!)!;
const base = (c: string) => c.split(':')[0]!.trim();
const exact = names.filter((n, i) => guess(i) === captions.get(n)).length;
const baseRight = names.filter((n, i) => base(guess(i)) === base(captions.get(n)!)).length;
const pct = (k: number) => Math.round((10000 * k) / names.length) / 100;
console.log(JSON.stringify({ train: trainStyle, test: testStyle, trim, n: names.length, nnExact: pct(exact), nnBaseRight: pct(baseRight) }));
tf.dispose([train, test, ...galleries]);
process.exit(0); // wasm worker threads would keep node alive
