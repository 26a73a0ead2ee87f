import { describe, expect, it } from 'vitest';
import { command, hintFor, runApp } from './app.js';
import { parseOptions, UsageError } from './options.js';

const specs = {
  beam: { type: 'number', description: 'beam size', default: 5, integer: true, min: 1 },
  model: { type: 'string', description: 'model dir', required: true },
  json: { type: 'boolean', description: 'json output' },
  ref: { type: 'strings', description: 'reference file' },
} as const;

describe('parseOptions', () => {
  it('parses values, defaults, repeats, --x=y, --no-x and positionals', () => {
    const { options, positionals } = parseOptions(specs, ['--model=m', 'hello', '--ref', 'a', '--ref', 'b', '--json', '--no-json', 'world']);
    expect(options).toEqual({ beam: 5, model: 'm', json: false, ref: ['a', 'b'] });
    expect(positionals).toEqual(['hello', 'world']);
  });
  it('rejects unknown options, bad numbers and missing required ones', () => {
    expect(() => parseOptions(specs, ['--model', 'm', '--bean', '3'])).toThrow(/unknown option '--bean'; known: --beam/);
    expect(() => parseOptions(specs, ['--model', 'm', '--beam', 'x'])).toThrow(UsageError);
    expect(() => parseOptions(specs, ['--model', 'm', '--beam', '0'])).toThrow(/>= 1/);
    expect(() => parseOptions(specs, [])).toThrow(/--model' is required/);
  });
});

describe('runApp', () => {
  const lines: string[] = [];
  const ctx = { out: (l: string) => lines.push(`out:${l}`), err: (l: string) => lines.push(`err:${l}`) };
  const app = {
    name: 'demoapp',
    description: 'test app',
    commands: [
      command({ name: 'echo', summary: 'echo', options: specs, run: async (o, p, c) => c.out(`${o.model}:${o.beam}:${p.join(',')}`) }),
      command({ name: 'fail', summary: 'fails', options: {}, run: async () => { throw new Error('boom'); } }),
      command({ name: 'oom', summary: 'wasm abort', options: {}, run: async () => { throw new Error('Aborted(). Build with -sASSERTIONS for more info.'); } }),
    ],
  };
  it('dispatches, prints help and maps errors to exit codes', async () => {
    expect(await runApp(app, ['echo', '--model', 'x', 'a'], ctx)).toBe(0);
    expect(lines.pop()).toBe('out:x:5:a');
    expect(await runApp(app, ['echo', '--help'], ctx)).toBe(0);
    expect(lines.pop()).toMatch(/--beam N +beam size \(default: 5\)/);
    expect(await runApp(app, ['nope'], ctx)).toBe(2);
    expect(lines.pop()).toMatch(/unknown command 'nope'; known: echo, fail/);
    expect(await runApp(app, ['fail'], ctx)).toBe(1);
    expect(lines.pop()).toBe('err:demoapp fail: error: boom');
    expect(await runApp(app, ['echo'], ctx)).toBe(2);
  });
  it('explains a wasm heap abort: what to lower, and that checkpoints survive', async () => {
    expect(await runApp(app, ['oom'], ctx)).toBe(1);
    expect(lines.pop()).toMatch(/^err:demoapp oom: error: Aborted\(\).*ran out of memory.*--batch-tokens.*--resume/);
    expect(hintFor('memory access out of bounds')).toMatch(/out of memory/);
    expect(hintFor('XNN status for xnn_create_fully_connected_nc_f32 is not successful. Got status 6.')).toMatch(/out of memory/);
    expect(hintFor('boom')).toBe('');
  });
});
