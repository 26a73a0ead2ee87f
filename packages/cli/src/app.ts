import { formatOptions, type OptionSpecs, type ParsedOptions, parseOptions, UsageError } from './options.js';

export interface CommandContext {
  /** Where results go (stdout); progress and logs go to stderr. */
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface Command<S extends OptionSpecs = OptionSpecs> {
  name: string;
  summary: string;
  /** e.g. '[SENTENCE ...]'; omitted when the command takes no positionals. */
  positionals?: string;
  options: S;
  /** Runnable command lines shown under `--help` (2-4), e.g. `translate predict "A dog runs."`. */
  examples?: readonly string[];
  run(options: ParsedOptions<S>, positionals: string[], ctx: CommandContext): Promise<void>;
}

/** Erases the option type so commands with different options fit one table. */
export function command<S extends OptionSpecs>(c: Command<S>): Command {
  return c as unknown as Command;
}

/** Exit codes of every app (README "Bad inputs"): 2 is a usage error, 3 "done, with skipped inputs". */
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;
export const EXIT_SKIPPED = 3;

/**
 * Thrown by a command after all its output is written when some inputs were skipped (each already
 * named on stderr): runApp prints the count and exits with EXIT_SKIPPED, so scripts can tell a
 * complete run from one with holes without parsing stderr.
 */
export class SkippedInputs extends Error {
  constructor(
    readonly skipped: number,
    readonly total: number,
    what = 'inputs',
  ) {
    super(`done, but ${skipped} of ${total} ${what} were skipped (see the messages above)`);
    this.name = 'SkippedInputs';
  }
}

export interface AppSpec {
  name: string;
  description: string;
  commands: Command[];
  /** Runnable examples per command name, shown under `--help` (they override a command's own). */
  examples?: Readonly<Record<string, readonly string[]>>;
}

export function appHelp(app: AppSpec): string {
  const w = Math.max(...app.commands.map((c) => c.name.length));
  return [`${app.name}: ${app.description}`, '', `usage: ${app.name} <command> [options]`, '', 'commands:', ...app.commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`), '', `Run '${app.name} <command> --help' for the options of a command.`].join('\n');
}

export function commandHelp(app: AppSpec, c: Command): string {
  const list = app.examples?.[c.name] ?? c.examples ?? [];
  const examples = list.length ? ['', 'examples:', ...list.map((e) => `  ${e}`)] : [];
  return [`usage: ${app.name} ${c.name} [options]${c.positionals ? ` ${c.positionals}` : ''}`, '', c.summary, '', 'options:', formatOptions(c.options), ...examples].join('\n');
}

/**
 * Runs an app: dispatches to the command, prints help, turns UsageError into exit code 2,
 * SkippedInputs into 3 and any other error into a one-line message and exit code 1 (stack with
 * SEQ2SEQ_DEBUG=1).
 */
export async function runApp(app: AppSpec, argv: string[] = process.argv.slice(2), ctx: CommandContext = defaultContext()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    ctx.out(appHelp(app));
    return name ? 0 : 2;
  }
  const cmd = app.commands.find((c) => c.name === name);
  if (!cmd) {
    ctx.err(`${app.name}: unknown command '${name}'; known: ${app.commands.map((c) => c.name).join(', ')}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    ctx.out(commandHelp(app, cmd));
    return 0;
  }
  try {
    const { options, positionals } = parseOptions(cmd.options, rest);
    await cmd.run(options, positionals, ctx);
    return 0;
  } catch (e) {
    if (e instanceof SkippedInputs) {
      ctx.err(`${app.name} ${cmd.name}: ${e.message}`);
      return EXIT_SKIPPED;
    }
    if (e instanceof UsageError) {
      ctx.err(`${app.name} ${cmd.name}: ${e.message}\n\n${commandHelp(app, cmd)}`);
      return 2;
    }
    const err = e as Error;
    ctx.err(`${app.name} ${cmd.name}: error: ${err.message}${hintFor(err.message)}`);
    if (process.env.SEQ2SEQ_DEBUG) ctx.err(String(err.stack));
    return 1;
  }
}

/**
 * What the user can do about errors whose message alone does not say: the wasm backend aborts
 * with a bare "Aborted()" or an XNNPACK status 6 when its 4 GB heap is exhausted, which in
 * practice means batches too large for the model (batch x target length x vocabulary).
 */
export function hintFor(message: string): string {
  if (/^Aborted\(|memory access out of bounds|status 6\b|out of memory/i.test(message)) {
    return ' (the wasm backend ran out of memory, 4 GB at most: lower --batch-tokens or --batch-size; checkpoints already written are intact, so train --resume continues from last/)';
  }
  return '';
}

function defaultContext(): CommandContext {
  return { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };
}

/**
 * The one way an entry point ends (bins, examples, scripts): runs `fn`, flushes stdout and stderr,
 * then exits with its code (a thrown error: its message, code 1). Exiting explicitly is the point:
 * the wasm backend's worker threads would otherwise keep Node alive after the work is done.
 */
export async function runMain(fn: () => Promise<number | void>): Promise<void> {
  let code = 1;
  try {
    code = (await fn()) ?? 0;
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    if (process.env.SEQ2SEQ_DEBUG) process.stderr.write(`${String((e as Error).stack)}\n`);
  }
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

/** Entry point for bins: runs the app and exits with its code (through runMain). */
export async function main(app: AppSpec, argv: string[] = process.argv.slice(2)): Promise<void> {
  await runMain(() => runApp(app, argv));
}
