// `node --import tsx apps/caption/scripts/nn-baseline.ts [EMOJI_DIR] [--encoder mobilenet|mobilenet-v2]
//    [--held-out openmoji,google,twitter] [--styles google,twitter,openmoji] [--k 1,5,10,20]
//    [--valid-drawings 0.2] [--split-seed 0] [--names-fraction 1] [--cache-dir DIR] [--no-trim]`
// Leave-one-artist-out retrieval baseline and ceiling of frozen features, no training: for each
// held-out artist, each of its drawings gets the caption of the nearest drawing (cosine of the
// pooled grid, palette channels left out) by the other artists. Reports exact match, base name
// (before ':') and skin tones right, and the retrieval ceiling: the right caption among the k
// nearest distinct training captions (what a gallery of k can at best choose from). Scored on the
// held-out artist's test slice (the drawings outside its `--valid-drawings` validation slice, as
// `caption train --valid-drawings` selects on) and on all its drawings. Features go through the
// same cache as `caption train` (same encoder config: palette skin-tones, trim, 64 px decode).
// `--names-fraction F < 1` keeps a fixed sample of the names (`isHeldOut(caption, F, 7)`) in every
// style, so the gallery holds only those names too: fewer distractors than the full task, so compare
// encoders on the same sample, never with full-set numbers (it exists because v2 extraction is slow).
import * as tf from '@tensorflow/tfjs';
import { type Encoder, initBackend } from '@seq2seq/core';
import { type ImageBatch, isFeatureBatch, MobileNetEncoder, MobileNetV2Encoder } from '@seq2seq/image';
import { type EmojiImage, emojiStyles, inValidSlice, isHeldOut, loadEmoji, nearestCaptions, prepareInputs } from '@seq2seq/image2text';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : dflt;
};
const dir = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '../shared/data/emoji';
const kind = arg('encoder', 'mobilenet');
const styles = arg('styles', emojiStyles(dir).join(',')).split(',');
const heldOut = arg('held-out', styles.join(',')).split(',');
const ks = arg('k', '1,5,10,20').split(',').map(Number);
const validDrawings = Number(arg('valid-drawings', '0.2'));
const splitSeed = Number(arg('split-seed', '0'));
const cacheDir = arg('cache-dir', '');
const namesFraction = Number(arg('names-fraction', '1'));
const trim = !process.argv.includes('--no-trim');
await initBackend({ log: () => {} });

// Palette on, as caption training with --emoji defaults to, so the cached grids are shared with it.
const encoder: Encoder<ImageBatch> & { extractFeatures: unknown } =
  kind === 'mobilenet-v2' ? new MobileNetV2Encoder({ palette: 'skin-tones' }) : kind === 'mobilenet' ? new MobileNetEncoder({ alpha: 0.25, palette: 'skin-tones' }) : (() => { throw new Error(`--encoder mobilenet | mobilenet-v2, got ${kind}`); })();
const gridDim = encoder.outputDim - 5;

/** Unit-length pooled embeddings [N * D] (palette channels dropped) of these drawings. */
async function embed(images: readonly EmojiImage[]): Promise<Float32Array> {
  const paths = images.map((i) => i.image);
  const t0 = Date.now();
  const { inputs, skipped } = await prepareInputs(encoder, paths, { loadSize: 64, trim, ...(cacheDir ? { cacheDir } : {}), log: (l) => console.error(`${images[0]?.style}: ${l} (${((Date.now() - t0) / 1000).toFixed(0)} s)`) });
  if (skipped.length) throw new Error(`${skipped.length} unreadable drawings, e.g. ${skipped[0]!.error}`);
  const out = new Float32Array(paths.length * gridDim);
  for (let s = 0; s < paths.length; s += 256) {
    const unit = tf.tidy(() => {
      const b = inputs.batch(paths.slice(s, s + 256));
      if (!isFeatureBatch(b)) throw new Error('expected cached features');
      const pooled = tf.mean(b.features.slice([0, 0, 0], [-1, -1, gridDim]), 1);
      return tf.div(pooled, tf.maximum(tf.norm(pooled, 2, 1, true), 1e-12));
    });
    out.set(unit.dataSync(), s * gridDim);
    unit.dispose();
  }
  return out;
}

const base = (c: string) => c.split(':')[0]!.trim();
const tones = (c: string) => (c.match(/[a-z-]+ skin tone/g) ?? []).join(',');
const pct = (a: number, b: number) => (b === 0 ? 0 : Math.round((10000 * a) / b) / 100);
const byStyle = new Map<string, { images: EmojiImage[]; emb: Float32Array }>();
for (const s of styles) {
  const images = loadEmoji(dir, [s])
    .filter((i) => namesFraction >= 1 || isHeldOut(i.captions[0]!, namesFraction, 7))
    .map((i) => ({ ...i, captions: i.captions.map((c) => c.toLowerCase()) }));
  byStyle.set(s, { images, emb: await embed(images) });
}
for (const test of heldOut) {
  const train = styles.filter((s) => s !== test).map((s) => byStyle.get(s)!);
  const captions = [...new Set(train.flatMap((t) => t.images.map((i) => i.captions[0]!)))];
  const index = new Map(captions.map((c, i) => [c, i]));
  const rows = Int32Array.from(train.flatMap((t) => t.images.map((i) => index.get(i.captions[0]!)!)));
  const embeddings = new Float32Array(rows.length * gridDim);
  let at = 0;
  for (const t of train) {
    embeddings.set(t.emb, at * gridDim);
    at += t.images.length;
  }
  const { images, emb } = byStyle.get(test)!;
  const near = nearestCaptions({ captions, rows, dim: gridDim, embeddings }, emb, Math.max(...ks));
  for (const slice of ['test', 'all'] as const) {
    const pick = images.map((img, i) => ({ img, i })).filter(({ img }) => slice === 'all' || !inValidSlice(img.file, validDrawings, splitSeed));
    const n = { exact: 0, base: 0, toned: 0, tone: 0, at: ks.map(() => 0) };
    for (const { img, i } of pick) {
      const ref = img.captions[0]!;
      const list = near[i]!.map((x) => x.caption);
      const top = list[0] ?? '';
      if (top === ref) n.exact++;
      if (base(top) === base(ref)) n.base++;
      if (tones(ref)) {
        n.toned++;
        if (tones(top) === tones(ref)) n.tone++;
      }
      ks.forEach((k, j) => {
        if (list.slice(0, k).includes(ref)) n.at[j]!++;
      });
    }
    const ceiling = Object.fromEntries(ks.map((k, j) => [`top${k}`, pct(n.at[j]!, pick.length)]));
    console.log(JSON.stringify({ encoder: kind, heldOut: test, train: styles.filter((s) => s !== test).join(','), namesFraction, slice, n: pick.length, galleryCaptions: captions.length, exact: pct(n.exact, pick.length), baseRight: pct(n.base, pick.length), toned: n.toned, toneRight: pct(n.tone, n.toned), ceiling }));
  }
}
process.exit(0); // wasm worker threads would keep node alive
