// export/import between our checkpoints and safetensors, without Python: the round trip, and every
// kind of bad input refused with the tensor named and nothing written.
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runApp } from '@seq2seq/cli';
import { buildModel, loadCheckpoint, readSafetensors, saveModel, type SafetensorsInput, writeSafetensors } from '@seq2seq/core';
import '@seq2seq/decoder-lstm';
import '@seq2seq/text';
import { beforeAll, describe, expect, it } from 'vitest';
import { seq2seqApp } from './index.js';
import { exportSafetensors, importSafetensors } from './torch-io.js';

const dir = mkdtempSync(join(tmpdir(), 'torch-io-'));
const ck = join(dir, 'ck');
const exported = join(dir, 'export');

beforeAll(async () => {
  const model = buildModel({
    encoder: { kind: 'text-rnn', config: { vocabSize: 9, embeddingDim: 4, units: 3 } },
    decoder: { kind: 'lstm', config: { vocabSize: 7, inputDim: 6, embeddingDim: 4, units: 5, attention: 'additive', copy: true } },
  });
  await saveModel(ck, model, { task: { app: 'translate', note: 'vocabularies live here' } });
  model.store.dispose();
  await exportSafetensors(ck, exported);
});

/** A copy of the export whose tensors were edited by `edit`. */
function variant(name: string, edit: (t: Map<string, SafetensorsInput>, meta: Record<string, string>) => void): string {
  const out = join(dir, name);
  cpSync(exported, out, { recursive: true });
  const file = readSafetensors(new Uint8Array(readFileSync(join(exported, 'model.safetensors'))));
  const tensors = new Map<string, SafetensorsInput>([...file.tensors].map(([k, e]) => [k, { shape: e.shape, dtype: e.dtype, bytes: e.bytes.slice() }]));
  const meta = { ...file.metadata };
  edit(tensors, meta);
  writeFileSync(join(out, 'model.safetensors'), writeSafetensors(tensors, meta));
  return out;
}

describe('seq2seq export / import', () => {
  it('exports every weight under its own name and imports it back bit for bit, config and task kept', async () => {
    const file = readSafetensors(new Uint8Array(readFileSync(join(exported, 'model.safetensors'))));
    expect(file.metadata['seq2seq.format']).toBe('seq2seq-safetensors');
    expect(file.tensors.get('decoder/attention/v')!.shape).toEqual([5, 1]);
    const back = join(dir, 'back');
    const t = { out: [] as string[], err: [] as string[] };
    expect(await runApp(seq2seqApp, ['import', exported, '--out', back], { out: (l) => t.out.push(l), err: (l) => t.err.push(l) }), t.err.join('\n')).toBe(0);
    const a = await loadCheckpoint(ck, { optimizer: false });
    const b = await loadCheckpoint(back, { optimizer: false });
    expect([...b.weights.keys()]).toEqual([...a.weights.keys()]);
    for (const [k, w] of a.weights) expect([...b.weights.get(k)!.dataSync()]).toEqual([...w.dataSync()]);
    expect(b.config.task).toEqual({ app: 'translate', note: 'vocabularies live here' });
    expect(b.config.decoder).toEqual(a.config.decoder);
    tf.dispose([...a.weights.values(), ...b.weights.values()]);
  });

  const f32 = (n: number) => new Uint8Array(new Float32Array(n).buffer);
  const cases: { name: string; edit: (t: Map<string, SafetensorsInput>, meta: Record<string, string>) => void; error: RegExp }[] = [
    { name: 'another architecture', edit: (t) => t.set('bert/embeddings/word_embeddings', { shape: [2, 2], dtype: 'F32', bytes: f32(4) }), error: /unexpected tensor 'bert\/embeddings\/word_embeddings': not a weight of the text-rnn encoder \+ lstm decoder/ },
    { name: 'missing tensor', edit: (t) => t.delete('decoder/attention/key/kernel'), error: /missing tensor 'decoder\/attention\/key\/kernel' \(float32 \[6, 5\]\)/ },
    { name: 'wrong shape', edit: (t) => t.set('decoder/output/kernel', { shape: [7, 5], dtype: 'F32', bytes: f32(35) }), error: /tensor 'decoder\/output\/kernel' has shape \[7, 5\] but the model needs \[5, 7\]/ },
    { name: 'wrong dtype', edit: (t) => t.set('decoder/copy_gate/bias', { shape: [1], dtype: 'I32', bytes: f32(1) }), error: /tensor 'decoder\/copy_gate\/bias' has dtype I32; expected a float dtype/ },
    { name: 'non-finite value', edit: (t) => t.set('encoder/embedding', { shape: [9, 4], values: new Float32Array(36).fill(NaN) }), error: /tensor 'encoder\/embedding' holds a non-finite value \(NaN\)/ },
    { name: 'metadata of another model', edit: (_t, m) => (m['seq2seq.encoder'] = 'audio-rnn'), error: /metadata says encoder 'audio-rnn' but .* describes 'text-rnn'/ },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}, naming it, and writes nothing`, async () => {
      const bad = variant(c.name.replace(/ /g, '-'), c.edit);
      const out = join(dir, `out-${c.name.replace(/ /g, '-')}`);
      await expect(importSafetensors(bad, out)).rejects.toThrow(c.error);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('refuses a header that lies about sizes (length beyond the file, offsets beyond the data), naming the tensor', async () => {
    const bytes = new Uint8Array(readFileSync(join(exported, 'model.safetensors')));
    const longer = join(dir, 'lying-length');
    cpSync(exported, longer, { recursive: true });
    const l = bytes.slice();
    new DataView(l.buffer).setBigUint64(0, BigInt(bytes.byteLength), true);
    writeFileSync(join(longer, 'model.safetensors'), l);
    await expect(importSafetensors(longer, join(dir, 'o1'))).rejects.toThrow(/header length \d+ goes beyond the file/);

    const offsets = join(dir, 'lying-offsets');
    cpSync(exported, offsets, { recursive: true });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<string, { data_offsets: number[] }>;
    header['decoder/bridge/bias']!.data_offsets[1]! += 4;
    let text = JSON.stringify(header);
    text += ' '.repeat(Math.max(0, n - text.length));
    const h = new TextEncoder().encode(text);
    const o = new Uint8Array(8 + h.byteLength + bytes.byteLength - 8 - n);
    new DataView(o.buffer).setBigUint64(0, BigInt(h.byteLength), true);
    o.set(h, 8);
    o.set(bytes.subarray(8 + n), 8 + h.byteLength);
    writeFileSync(join(offsets, 'model.safetensors'), o);
    const t = { err: [] as string[] };
    expect(await runApp(seq2seqApp, ['import', offsets, '--out', join(dir, 'o2')], { out: () => {}, err: (l) => t.err.push(l) })).toBe(1);
    expect(t.err.join('\n')).toMatch(/tensor 'decoder\/bridge\/bias': data_offsets \[\d+, \d+\] hold 44 bytes but F32 \[10\] needs 40/);
    expect(existsSync(join(dir, 'o2'))).toBe(false);
  });
});
