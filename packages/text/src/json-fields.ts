import type { JsonObject, JsonValue } from '@seq2seq/core';
import type { NormalizeOptions, UnicodeForm } from './normalize.js';

/** Small typed readers for configs and checkpoint JSON, with messages that name the field. */
export function readNumber(json: JsonObject, key: string, fallback?: number): number {
  const v = json[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`'${key}' must be a number, got ${JSON.stringify(v)}`);
  return v;
}

export function readBoolean(json: JsonObject, key: string, fallback: boolean): boolean {
  const v = json[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw new Error(`'${key}' must be a boolean, got ${JSON.stringify(v)}`);
  return v;
}

export function readChoice<T extends string>(json: JsonObject, key: string, choices: readonly T[], fallback: T): T {
  const v = json[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
    throw new Error(`'${key}' must be one of ${choices.join(', ')}; got ${JSON.stringify(v)}`);
  }
  return v as T;
}

export function readStringArray(json: JsonObject, key: string): string[] {
  const v: JsonValue | undefined = json[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new Error(`'${key}' must be an array of strings`);
  return v as string[];
}

export function readNormalize(json: JsonObject): NormalizeOptions {
  return {
    lowercase: readBoolean(json, 'lowercase', false),
    unicode: readChoice<UnicodeForm>(json, 'unicode', ['NFC', 'NFKC', 'none'], 'NFC'),
    collapseWhitespace: readBoolean(json, 'collapseWhitespace', true),
  };
}
