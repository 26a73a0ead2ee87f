import { describe, expect, it } from 'vitest';
import { checkOneOf, type FlagSchema, flagSpecs, readFlags } from './flag-schema.js';

interface Opts {
  units: number;
  sizes: number[];
}

const schema = (d: Opts): FlagSchema<Opts> => ({
  units: { key: 'units', spec: { type: 'number', description: 'units', default: d.units } },
  sizes: { key: 'sizes', spec: { type: 'string', description: 'sizes', default: d.sizes.join(',') }, parse: (v) => String(v).split(',').map(Number) },
});

describe('flag schemas', () => {
  it('give option specs and read parsed flags back over the defaults', () => {
    const d = { units: 4, sizes: [1, 2] };
    expect(flagSpecs(schema(d))).toEqual({ units: { type: 'number', description: 'units', default: 4 }, sizes: { type: 'string', description: 'sizes', default: '1,2' } });
    expect(readFlags(schema(d), { sizes: '3,4' }, d)).toEqual({ units: 4, sizes: [3, 4] });
  });

  it('name the flag and the allowed values of an enumeration', () => {
    expect(() => checkOneOf('attention', 'bad', ['none', 'dot'])).toThrow("--attention must be one of none, dot, got 'bad'");
    expect(() => checkOneOf('attention', 'dot', ['none', 'dot'])).not.toThrow();
  });
});
