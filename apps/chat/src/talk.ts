import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { type Command, command } from '@seq2seq/cli';
import { contextOf } from '@seq2seq/datasets';
import { backendOptions, generate, type GenerateOptions, type LoadedTextModel, loadTextModel, resolveModelDir, startBackend } from '@seq2seq/text2text';
import type { ContextOptions } from './data.js';
import { readReplyDecode, replyDecodeSpecs } from './decode.js';
import { contextOptionSpecs, readContextOptions } from './preset.js';
import { modelOrShipped } from '@seq2seq/models';

/** A conversation with a loaded model: the history is kept until `reset`. */
export class ChatSession {
  readonly history: string[] = [];

  constructor(
    private readonly loaded: LoadedTextModel,
    private readonly context: ContextOptions,
    private readonly decode: GenerateOptions,
  ) {}

  /** The model input for the current history (the last k turns, latest words kept). */
  input(): string {
    return contextOf(this.history.slice(-this.context.contextTurns), ' __eou__ ', this.context.maxContextWords);
  }

  /** Adds the user's turn, generates a reply, adds it too and returns it. */
  async reply(text: string): Promise<string> {
    this.history.push(text.trim());
    const [best] = await generate(this.loaded.model, this.loaded.fields, [this.input()], { ...this.decode, nBest: 1, maxSourceLength: this.loaded.options.maxSourceLength });
    const answer = best?.[0]?.text ?? '';
    this.history.push(answer);
    return answer;
  }

  reset(): void {
    this.history.length = 0;
  }
}

/**
 * The read-reply loop: `/reset` forgets the history, `/quit` (or end of input) stops, blank lines
 * are ignored. Replies go to `out`; the sampling seed advances per turn so replies vary.
 */
export async function talkLoop(lines: AsyncIterable<string>, session: ChatSession, out: (l: string) => void, note: (l: string) => void = () => {}): Promise<void> {
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (line === '/quit' || line === '/exit') break;
    if (line === '/reset') {
      session.reset();
      note('(history cleared)');
      continue;
    }
    out(await session.reply(line));
  }
}

export const talkCommand: Command = command({
  name: 'talk',
  summary: 'chat interactively: one message per stdin line; /reset clears the history, /quit ends (default command)',
  options: {
    model: { type: 'string', description: 'checkpoint directory (default: the shipped model in models/) (or a training OUT dir: uses OUT/best)' },
    ...contextOptionSpecs,
    ...replyDecodeSpecs,
    ...backendOptions,
  },
  async run(o, _p, ctx) {
    const opts = o as Record<string, unknown>;
    await startBackend(o, ctx.err);
    const loaded = await loadTextModel(resolveModelDir(modelOrShipped(o.model, 'chat', ctx.err), existsSync), 'chat');
    try {
      const session = new ChatSession(loaded, readContextOptions(opts), readReplyDecode(opts));
      const rl = createInterface({ input: process.stdin, terminal: false });
      if (process.stdin.isTTY) ctx.err('type a message (/reset to start over, /quit to leave)');
      await talkLoop(rl, session, ctx.out, ctx.err);
      rl.close();
    } finally {
      loaded.model.store.dispose();
    }
  },
});
