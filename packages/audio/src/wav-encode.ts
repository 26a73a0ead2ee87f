/** Sample encodings a WAV file can hold (and that `decodeWav` reads). */
export type WavEncoding = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64';

const BYTES: Record<WavEncoding, number> = { pcm8: 1, pcm16: 2, pcm24: 3, pcm32: 4, float32: 4, float64: 8 };

/**
 * Writes a canonical little-endian RIFF/WAVE file (44-byte header). `channels` holds one
 * Float32Array per channel, samples in [-1, 1] (clipped for PCM). Independent of the `wavefile`
 * package that decodes, so tests check one against the other.
 */
export function encodeWav(channels: Float32Array[], sampleRate: number, encoding: WavEncoding = 'pcm16'): Uint8Array {
  const nch = channels.length;
  const n = channels[0]?.length ?? 0;
  if (nch === 0 || channels.some((c) => c.length !== n)) throw new Error('encodeWav: need >= 1 channel, all of equal length');
  const bps = BYTES[encoding];
  const dataBytes = n * nch * bps;
  const out = new Uint8Array(44 + dataBytes);
  const v = new DataView(out.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((ch, i) => v.setUint8(at + i, ch.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, encoding.startsWith('float') ? 3 : 1, true);
  v.setUint16(22, nch, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * nch * bps, true);
  v.setUint16(32, nch * bps, true);
  v.setUint16(34, bps * 8, true);
  ascii(36, 'data');
  v.setUint32(40, dataBytes, true);
  let at = 44;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < nch; c++) {
      writeSample(v, at, channels[c]![i]!, encoding);
      at += bps;
    }
  }
  return out;
}

function writeSample(v: DataView, at: number, x: number, enc: WavEncoding): void {
  const clip = Math.max(-1, Math.min(1, x));
  switch (enc) {
    case 'pcm8': // unsigned, 128 = zero
      v.setUint8(at, Math.max(0, Math.min(255, Math.round(clip * 128 + 128))));
      return;
    case 'pcm16':
      v.setInt16(at, Math.max(-32768, Math.min(32767, Math.round(clip * 32768))), true);
      return;
    case 'pcm24': {
      const s = Math.max(-8388608, Math.min(8388607, Math.round(clip * 8388608)));
      v.setUint8(at, s & 0xff);
      v.setUint8(at + 1, (s >> 8) & 0xff);
      v.setUint8(at + 2, (s >> 16) & 0xff);
      return;
    }
    case 'pcm32':
      v.setInt32(at, Math.max(-2147483648, Math.min(2147483647, Math.round(clip * 2147483648))), true);
      return;
    case 'float32':
      v.setFloat32(at, x, true);
      return;
    case 'float64':
      v.setFloat64(at, x, true);
      return;
  }
}
