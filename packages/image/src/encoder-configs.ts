import type { JsonObject } from '@seq2seq/core';
import type { ConvEncoderConfig } from './conv-encoder.js';
import type { MobileNetAlpha } from '@tensorflow-models/mobilenet';
import type { MobileNetEncoderConfig } from './mobilenet/mobilenet-encoder.js';
import type { MobileNetV2EncoderConfig } from './mobilenet-v2/mobilenet-v2-encoder.js';

// The registry factories read checkpoint JSON through these, not a cast: a field of the wrong type
// is named here; the values themselves are checked by each encoder's constructor.

function field<T>(json: JsonObject, key: string, ok: (v: unknown) => boolean, what: string, kind: string): T | undefined {
  const v = json[key];
  if (v === undefined) return undefined;
  if (!ok(v)) throw new Error(`${kind} encoder config: ${key} must be ${what}, got ${JSON.stringify(v)}`);
  return v as T;
}
const isNumber = (v: unknown) => typeof v === 'number';
const isString = (v: unknown) => typeof v === 'string';

export function parseConvEncoderConfig(json: JsonObject): ConvEncoderConfig {
  const channels = field<number[]>(json, 'channels', (v) => Array.isArray(v) && v.every(isNumber), 'a list of numbers', 'conv');
  const kernelSize = field<number>(json, 'kernelSize', isNumber, 'a number', 'conv');
  const inputSize = field<number>(json, 'inputSize', isNumber, 'a number', 'conv');
  return { ...(channels ? { channels } : {}), ...(kernelSize !== undefined ? { kernelSize } : {}), ...(inputSize !== undefined ? { inputSize } : {}) };
}

export function parseMobileNetEncoderConfig(json: JsonObject): MobileNetEncoderConfig {
  const version = field<1>(json, 'version', isNumber, 'a number', 'mobilenet');
  const alpha = field<MobileNetAlpha>(json, 'alpha', isNumber, 'a number', 'mobilenet');
  const fineTuneBlocks = field<number>(json, 'fineTuneBlocks', isNumber, 'a number', 'mobilenet');
  const palette = field<string>(json, 'palette', isString, 'a palette name', 'mobilenet');
  return { ...(version !== undefined ? { version } : {}), ...(alpha !== undefined ? { alpha } : {}), ...(fineTuneBlocks !== undefined ? { fineTuneBlocks } : {}), ...(palette !== undefined ? { palette } : {}) };
}

export function parseMobileNetV2EncoderConfig(json: JsonObject): MobileNetV2EncoderConfig {
  const weights = field<{ id: string; sha256: string }>(json, 'weights', (v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'an object {id, sha256}', 'mobilenet-v2');
  const palette = field<string>(json, 'palette', isString, 'a palette name', 'mobilenet-v2');
  return { ...(weights ? { weights } : {}), ...(palette !== undefined ? { palette } : {}) };
}
