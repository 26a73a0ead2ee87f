/** One command-line option. Names are long names without dashes (`beam` for `--beam`). */
export type OptionSpec =
  | { type: 'string'; description: string; default?: string; required?: boolean }
  | { type: 'number'; description: string; default?: number; required?: boolean; integer?: boolean; min?: number }
  | { type: 'boolean'; description: string; default?: boolean }
  /** May be given several times (`--ref a --ref b`). */
  | { type: 'strings'; description: string; required?: boolean };

export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S extends { type: 'string' }
  ? S extends { default: string } | { required: true } ? string : string | undefined
  : S extends { type: 'number' }
    ? S extends { default: number } | { required: true } ? number : number | undefined
    : S extends { type: 'boolean' }
      ? boolean
      : string[];

/** Parsed values typed from the specs. */
export type ParsedOptions<S extends OptionSpecs> = { [K in keyof S]: ValueOf<S[K]> };

export class UsageError extends Error {}

/** Parses argv against specs; positionals are returned separately. Throws UsageError with a clear message. */
export function parseOptions<S extends OptionSpecs>(specs: S, argv: string[]): { options: ParsedOptions<S>; positionals: string[] } {
  const out: Record<string, unknown> = {};
  const positionals: string[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.type === 'strings') out[name] = [];
    else if (spec.type === 'boolean') out[name] = spec.default ?? false;
    else if (spec.default !== undefined) out[name] = spec.default;
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    let [name, value] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const spec = specs[name];
    if (!spec && name.startsWith('no-') && specs[name.slice(3)]?.type === 'boolean') {
      out[name.slice(3)] = false;
      continue;
    }
    if (!spec) {
      const known = Object.keys(specs).map((k) => `--${k}`).join(', ');
      throw new UsageError(`unknown option '--${name}'; known: ${known}`);
    }
    if (spec.type === 'boolean') {
      out[name] = value === undefined ? true : !['false', '0', 'no'].includes(value);
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new UsageError(`option '--${name}' needs a value`);
    }
    if (spec.type === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new UsageError(`option '--${name}' needs a number, got '${value}'`);
      if (spec.integer && !Number.isInteger(n)) throw new UsageError(`option '--${name}' needs an integer, got '${value}'`);
      if (spec.min !== undefined && n < spec.min) throw new UsageError(`option '--${name}' must be >= ${spec.min}, got ${n}`);
      out[name] = n;
    } else if (spec.type === 'strings') (out[name] as string[]).push(value);
    else out[name] = value;
  }
  for (const [name, spec] of Object.entries(specs)) {
    if ('required' in spec && spec.required && (out[name] === undefined || (Array.isArray(out[name]) && (out[name] as unknown[]).length === 0))) {
      throw new UsageError(`option '--${name}' is required (${spec.description})`);
    }
  }
  return { options: out as ParsedOptions<S>, positionals };
}

/** Help text for a set of options, aligned. */
export function formatOptions(specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([name, s]) => {
    // A boolean that defaults to on is turned off with --no-X: say so where it is listed.
    const flag = s.type === 'boolean' ? (s.default === true ? `--${name} / --no-${name}` : `--${name}`) : s.type === 'number' ? `--${name} N` : `--${name} VALUE`;
    const def = 'default' in s && s.default !== undefined ? ` (default: ${s.default})` : '';
    const req = 'required' in s && s.required ? ' (required)' : '';
    const rep = s.type === 'strings' ? ' (repeatable)' : '';
    return [flag, `${s.description}${def}${req}${rep}`] as const;
  });
  const w = Math.max(0, ...rows.map(([f]) => f.length));
  return rows.map(([f, d]) => `  ${f.padEnd(w)}  ${d}`).join('\n');
}
