import { existsSync } from 'node:fs';
import { AudioInputError, decodeWav, extractFeatures, type FeatureMatrix } from '@seq2seq/audio';
import { loadSpeechEnsemble, readSpeechDecodeOptions, readTtaWarps, speechDecodeOptionSpecs, transcribeViews } from '@seq2seq/speech2text';
import { resolveModelDir } from '@seq2seq/text2text';
import { InputError, type RawInput, specDefaults, type TaskRuntime } from './task.js';

/** A decoded upload: the samples the front end turns into features once per warp. */
interface Utterance {
  samples: Float32Array;
  sampleRate: number;
}

/**
 * Speech recognition decoded as `transcribe predict` decodes: its decoding defaults, test-time VTLP
 * warps included, and its input checks (WAV formats, length limit, silence refused).
 */
export async function loadTranscribeTask(dir: string, maxSeconds: number): Promise<TaskRuntime<Utterance>> {
  const { transcribeDecodeDefaults } = await import('@seq2seq/app-transcribe');
  const loaded = await loadSpeechEnsemble([resolveModelDir(dir, existsSync)], 'transcribe');
  const defaults = specDefaults(speechDecodeOptionSpecs(transcribeDecodeDefaults));
  const base = readSpeechDecodeOptions(defaults);
  const warps = readTtaWarps(defaults);
  return {
    task: 'transcribe',
    kind: 'audio',
    dir,
    defaultBeam: base.beam,
    prepare(raw: RawInput): Utterance {
      if (typeof raw === 'string') throw new InputError("task 'transcribe' takes a WAV file");
      try {
        const audio = decodeWav(raw, 'the uploaded WAV', { maxDurationSec: maxSeconds });
        if (audio.silent) throw new AudioInputError('the uploaded WAV', 'silent (peak below -80 dBFS), nothing to transcribe');
        return { samples: audio.samples, sampleRate: audio.sampleRate };
      } catch (e) {
        if (e instanceof AudioInputError) throw new InputError(e.message);
        throw e;
      }
    },
    async decode(utts, choice) {
      // One view per warp, as loadFeatures computes them for files (warp 1 = no augmentation).
      const views: FeatureMatrix[][] = warps.map((w) => utts.map((u) => extractFeatures(u.samples, u.sampleRate, loaded.options.features, w === 1 ? {} : { vtlp: w })));
      const outs = await transcribeViews(loaded.models, loaded.target, views, {
        ...base,
        beam: Math.max(choice.beam, choice.nbest),
        nBest: choice.nbest,
        factor: loaded.options.factor,
        batchSize: Math.max(1, utts.length),
      });
      return outs.map((list) => ({ ok: true as const, hyps: list.map((h) => ({ text: h.text, score: h.score })) }));
    },
    dispose: () => loaded.dispose(),
  };
}
