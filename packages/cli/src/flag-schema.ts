import type { OptionSpec, OptionSpecs } from './options.js';

/**
 * A flag that sets one field of an options object (`--decoder-units 512` -> `decoderUnits`), with
 * `parse` where the flag's text is not the field's value (`--conv-channels 32,64` -> [32, 64]).
 */
export interface Flag<T> {
  key: keyof T & string;
  spec: OptionSpec;
  parse?: (value: unknown) => unknown;
}

/**
 * Flags by name. A component (encoder, decoder) exports its own schema built from its defaults, so
 * its flags, defaults and help are written once; pipelines merge schemas and give the specs to a
 * command (`flagSpecs`) and the parsed values back to the options (`readFlags`).
 */
export type FlagSchema<T> = Record<string, Flag<T>>;

/** The option specs of a schema, in its order. */
export function flagSpecs<T>(schema: FlagSchema<T>): OptionSpecs {
  const out: OptionSpecs = {};
  for (const [flag, f] of Object.entries(schema)) out[flag] = f.spec;
  return out;
}

/** `base` with every flag given in `parsed` written over its field (parsed with `parse` when set). */
export function readFlags<T extends object>(schema: FlagSchema<T>, parsed: Record<string, unknown>, base: T): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [flag, f] of Object.entries(schema)) if (parsed[flag] !== undefined) out[f.key] = f.parse ? f.parse(parsed[flag]) : parsed[flag];
  return out as T;
}

/** Throws the CLI's message for an enumeration flag whose value is not one of `allowed`. */
export function checkOneOf(flag: string, value: unknown, allowed: readonly unknown[]): void {
  if (!allowed.includes(value)) throw new Error(`--${flag} must be one of ${allowed.join(', ')}, got '${String(value)}'`);
}
