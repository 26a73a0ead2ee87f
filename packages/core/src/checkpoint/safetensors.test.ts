import { describe, expect, it } from 'vitest';
import { readSafetensors, safetensorsFloat32, writeSafetensors } from './safetensors.js';

/** A file from a hand-written header and data section (to build the lies a writer never makes). */
function rawFile(header: unknown, data: Uint8Array, lengthOverride?: bigint): Uint8Array {
  const h = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + h.byteLength + data.byteLength);
  new DataView(out.buffer).setBigUint64(0, lengthOverride ?? BigInt(h.byteLength), true);
  out.set(h, 8);
  out.set(data, 8 + h.byteLength);
  return out;
}

describe('safetensors', () => {
  it('round-trips float32 and int32 tensors and metadata, header padded to 8 bytes', () => {
    const a = new Float32Array([1, -2.5, 3e-8, 1e30, 0, -0]);
    const b = new Int32Array([7, -1, 2 ** 31 - 1]);
    const file = writeSafetensors(new Map([['b/x', { shape: [3], values: b }], ['a/k', { shape: [2, 3], values: a }]]), { format: 'pt', note: 'x' });
    const n = Number(new DataView(file.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const r = readSafetensors(file);
    expect(r.metadata).toEqual({ format: 'pt', note: 'x' });
    expect(r.tensors.get('a/k')!.dtype).toBe('F32');
    expect(r.tensors.get('a/k')!.shape).toEqual([2, 3]);
    expect([...safetensorsFloat32('a/k', r.tensors.get('a/k')!)]).toEqual([...a]);
    const bi = r.tensors.get('b/x')!;
    expect(bi.dtype).toBe('I32');
    expect([...new Int32Array(bi.bytes.slice().buffer)]).toEqual([...b]);
  });

  it('widens F16 and BF16 exactly', () => {
    // 1.0, -2.0, 65504, 2^-24 (smallest subnormal) in half precision
    const f16 = new Uint8Array(new Uint16Array([0x3c00, 0xc000, 0x7bff, 0x0001]).buffer);
    const bf16 = new Uint8Array(new Uint16Array([0x3f80, 0xc040]).buffer); // 1.0, -3.0
    const r = readSafetensors(writeSafetensors(new Map([['h', { shape: [4], dtype: 'F16', bytes: f16 }], ['b', { shape: [2], dtype: 'BF16', bytes: bf16 }]])));
    expect([...safetensorsFloat32('h', r.tensors.get('h')!)]).toEqual([1, -2, 65504, 2 ** -24]);
    expect([...safetensorsFloat32('b', r.tensors.get('b')!)]).toEqual([1, -3]);
    const ints = readSafetensors(writeSafetensors(new Map([['i', { shape: [1], values: new Int32Array([1]) }]])));
    expect(() => safetensorsFloat32('i', ints.tensors.get('i')!)).toThrow(/tensor 'i' has dtype I32; expected a float dtype/);
  });

  it('refuses lying headers, naming the tensor', () => {
    const data = new Uint8Array(24);
    const ok = { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [4], data_offsets: [8, 24] } };
    expect(readSafetensors(rawFile(ok, data)).tensors.size).toBe(2);
    expect(() => readSafetensors(rawFile(ok, data, 10_000n))).toThrow(/header length 10000 goes beyond the file/);
    expect(() => readSafetensors(new Uint8Array(4))).toThrow(/too short/);
    expect(() => readSafetensors(rawFile([1, 2], data))).toThrow(/does not start with '\{'/);
    expect(() => readSafetensors(rawFile({ ...ok, b: { dtype: 'Q4', shape: [4], data_offsets: [8, 24] } }, data))).toThrow(/tensor 'b': unknown dtype "Q4"/);
    expect(() => readSafetensors(rawFile({ ...ok, b: { dtype: 'F32', shape: [5], data_offsets: [8, 24] } }, data))).toThrow(/tensor 'b': .* hold 16 bytes but F32 \[5\] needs 20/);
    expect(() => readSafetensors(rawFile({ ...ok, b: { dtype: 'F32', shape: [4], data_offsets: [8, 40] } }, data))).toThrow(/tensor 'b': data_offsets \[8, 40\] go beyond the data section \(24 bytes\)/);
    expect(() => readSafetensors(rawFile({ ...ok, b: { dtype: 'F32', shape: [4], data_offsets: [4, 20] } }, data))).toThrow(/tensor 'b': .* overlap the previous tensor/);
    expect(() => readSafetensors(rawFile({ a: ok.a, b: { dtype: 'F32', shape: [3], data_offsets: [12, 24] } }, data))).toThrow(/tensor 'b': .* leave a hole of 4 bytes/);
    expect(() => readSafetensors(rawFile({ a: ok.a }, data))).toThrow(/cover 8 bytes but the data section has 24/);
    expect(() => readSafetensors(rawFile({ ...ok, b: { dtype: 'F32', shape: [-4], data_offsets: [8, 24] } }, data))).toThrow(/tensor 'b': bad shape/);
    expect(() => readSafetensors(rawFile({ ...ok, __metadata__: { n: 1 } }, data))).toThrow(/__metadata__ value 'n' is not a string/);
    expect(() => readSafetensors(rawFile({ ...ok, b: { dtype: 'F32', shape: [4], data_offsets: [8, 24], code: 'x' } }, data))).toThrow(/tensor 'b': unknown fields code/);
  });
});
