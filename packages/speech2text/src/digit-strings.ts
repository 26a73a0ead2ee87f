import { readWav } from '@seq2seq/audio';
import { mulberry32 } from '@seq2seq/core';
import { DIGIT_WORDS, type FsddRecording } from './fsdd.js';
import { mixClips, type MixOptions } from './mix.js';

/** A generated utterance: mono samples and its transcript ("six three seven"). */
export interface GeneratedUtterance {
  id: string;
  samples: Float32Array;
  sampleRate: number;
  text: string;
  speaker: string;
  /** VTLP warp factor for the front end (absent = none). */
  vtlp?: number;
}

export interface DigitStringOptions extends Omit<MixOptions, 'sampleRate'> {
  /** Utterances to make. */
  count: number;
  /** Seed; the same recordings, options and seed give the same utterances. */
  seed: number;
  /** Digits per utterance, drawn uniformly. Default 1 and 7. */
  minDigits?: number;
  maxDigits?: number;
  /** Prefix of the ids. Default 'utt'. */
  idPrefix?: string;
  /** VTLP warp factor range, drawn uniformly per utterance (applied when features are made). Default none. */
  vtlp?: [number, number];
}

/**
 * Builds digit-string utterances from FSDD recordings: each picks one speaker, 1-7 digits, one
 * recording of that speaker per digit, then `mixClips` (pauses, optional speed/gain, light noise).
 * Recordings are decoded once and kept in `clipCache`.
 */
export async function generateDigitStrings(recordings: readonly FsddRecording[], o: DigitStringOptions, clipCache = new Map<string, { samples: Float32Array; rate: number }>()): Promise<GeneratedUtterance[]> {
  const bySpeakerDigit = new Map<string, FsddRecording[]>();
  for (const r of recordings) {
    const key = `${r.speaker}/${r.digit}`;
    bySpeakerDigit.set(key, [...(bySpeakerDigit.get(key) ?? []), r]);
  }
  const speakers = [...new Set(recordings.map((r) => r.speaker))].sort();
  if (speakers.length === 0) throw new Error('generateDigitStrings: no recordings');
  const rand = mulberry32(o.seed);
  // Its own stream: turning VTLP on changes the features, never which audio is made.
  const warpRand = mulberry32((o.seed ^ 0x5bd1e995) >>> 0);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const lo = o.minDigits ?? 1;
  const hi = o.maxDigits ?? 7;
  const out: GeneratedUtterance[] = [];
  for (let u = 0; u < o.count; u++) {
    const speaker = pick(speakers);
    const n = lo + Math.floor(rand() * (hi - lo + 1));
    const chosen: FsddRecording[] = [];
    for (let k = 0; k < n; k++) {
      const digit = Math.floor(rand() * 10);
      const options = bySpeakerDigit.get(`${speaker}/${digit}`);
      if (!options) throw new Error(`generateDigitStrings: speaker '${speaker}' has no recording of ${digit}`);
      chosen.push(pick(options));
    }
    const clips: Float32Array[] = [];
    let rate = 0;
    for (const r of chosen) {
      let c = clipCache.get(r.path);
      if (!c) {
        const a = await readWav(r.path);
        c = { samples: a.samples, rate: a.sampleRate };
        clipCache.set(r.path, c);
      }
      if (rate !== 0 && c.rate !== rate) throw new Error(`${r.path}: sample rate ${c.rate} differs from ${rate}`);
      rate = c.rate;
      clips.push(c.samples);
    }
    const samples = mixClips(clips, rand, { ...o, sampleRate: rate });
    const vtlp = o.vtlp ? o.vtlp[0] + warpRand() * (o.vtlp[1] - o.vtlp[0]) : undefined;
    out.push({ id: `${o.idPrefix ?? 'utt'}${String(u).padStart(5, '0')}`, samples, sampleRate: rate, text: chosen.map((r) => DIGIT_WORDS[r.digit]).join(' '), speaker, ...(vtlp === undefined ? {} : { vtlp }) });
  }
  return out;
}
