import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sniffFormat } from '@seq2seq/image';
import { captionDecodeSpecs, decodeCaptions, galleryDecodeSpecs, loadCaptionModel, prepareInputs } from '@seq2seq/image2text';
import { resolveModelDir } from '@seq2seq/text2text';
import { InputError, type ItemResult, type RawInput, specDefaults, type TaskRuntime } from './task.js';

/**
 * Captioning decoded as `caption predict` decodes (its flag defaults, the checkpoint's gallery when
 * it has one). The image pipeline reads files, so a batch's uploads are written to a temporary
 * folder (features cached there too) that is removed after the batch.
 */
export async function loadCaptionTask(dir: string): Promise<TaskRuntime<Uint8Array>> {
  const { captionPreset } = await import('@seq2seq/app-caption');
  const loaded = await loadCaptionModel(resolveModelDir(dir, existsSync), captionPreset.app);
  const defaults = specDefaults({ ...captionDecodeSpecs(captionPreset.defaultBeam ?? 3), ...galleryDecodeSpecs });
  return {
    task: 'caption',
    kind: 'image',
    dir,
    defaultBeam: Number(defaults.beam),
    prepare(raw: RawInput): Uint8Array {
      if (typeof raw === 'string') throw new InputError("task 'caption' takes an image (PNG or JPEG)");
      // The header check is cheap; a damaged body is found by the decoder and reported per image.
      if (!sniffFormat(raw)) throw new InputError(`the upload (${raw.length} bytes) is not a PNG or JPEG image`);
      return raw;
    },
    async decode(images, choice) {
      const tmp = mkdtempSync(join(tmpdir(), 'seq2seq-serve-'));
      try {
        const paths = images.map((bytes, i) => {
          const path = join(tmp, `upload-${i}.${sniffFormat(bytes) === 'png' ? 'png' : 'jpg'}`);
          writeFileSync(path, bytes);
          return path;
        });
        const { inputs, skipped } = await prepareInputs(loaded.model.encoder, paths, { loadSize: loaded.options.loadSize, trim: loaded.options.trim, skipBad: true, cacheDir: join(tmp, 'features') });
        const good = paths.filter((p) => inputs.has(p));
        const outs = good.length === 0 ? [] : await decodeCaptions(loaded, inputs, good, { ...defaults, beam: Math.max(choice.beam, choice.nbest) }, { nBest: choice.nbest });
        const byPath = new Map(good.map((p, i) => [p, outs[i]!]));
        const errors = new Map(skipped.map((s) => [s.path, s.error]));
        return paths.map((p): ItemResult => {
          const list = byPath.get(p);
          if (list) return { ok: true, hyps: list.map((h) => ({ text: h.text, score: h.score })) };
          // The temporary path means nothing to the client.
          return { ok: false, error: (errors.get(p) ?? 'cannot read the image').split(p).join('the uploaded image') };
        });
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
    dispose: () => loaded.model.store.dispose(),
  };
}
