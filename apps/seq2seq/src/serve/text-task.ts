import { existsSync } from 'node:fs';
import { decodeOptionSpecs, generate, loadTextModel, readDecodeOptions, resolveModelDir, type TextPreset } from '@seq2seq/text2text';
import { InputError, type RawInput, specDefaults, type TaskRuntime } from './task.js';

/** The text apps' presets, imported only for the tasks served (each app pulls in its own data code). */
const PRESETS: Readonly<Record<string, () => Promise<TextPreset>>> = {
  translate: async () => (await import('@seq2seq/app-translate')).translatePreset,
  summarize: async () => (await import('@seq2seq/app-summarize')).summarizePreset,
  chat: async () => (await import('@seq2seq/app-chat')).chatPreset,
  codegen: async () => (await import('@seq2seq/app-codegen')).codegenPreset,
  g2p: async () => (await import('@seq2seq/app-g2p')).g2pPreset,
};

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** g2p's inputs are words, spelled before decoding as `g2p predict` does. */
async function inputFormer(task: string): Promise<(text: string) => string> {
  if (task !== 'g2p') return (t) => t;
  const { spell } = await import('@seq2seq/app-g2p');
  return (word) => {
    if (!/\p{L}/u.test(word)) throw new InputError(`${JSON.stringify(word)} has no letters`);
    return spell(word);
  };
}

/**
 * A text task decoded exactly as `<app> predict` decodes: the app's decoding flag defaults, the
 * model's source length limit; a batch is one `generate` call.
 */
export async function loadTextTask(task: string, dir: string): Promise<TaskRuntime<string>> {
  const preset = PRESETS[task];
  if (!preset) throw new Error(`'${task}' is not a text task`);
  const p = await preset();
  const form = await inputFormer(task);
  const loaded = await loadTextModel(resolveModelDir(dir, existsSync), p.app);
  const base = readDecodeOptions(specDefaults(decodeOptionSpecs(p.decodeDefaults)));
  return {
    task,
    kind: 'text',
    dir,
    defaultBeam: base.beam ?? 5,
    prepare(raw: RawInput): string {
      if (typeof raw !== 'string') throw new InputError(`task '${task}' takes text`);
      return form(raw);
    },
    async decode(inputs, choice) {
      const outs = await generate(loaded.model, loaded.fields, inputs, {
        ...base,
        beam: Math.max(choice.beam, choice.nbest),
        nBest: choice.nbest,
        // The batch the server formed is decoded as one call (generate sorts it by length).
        batchSize: Math.max(1, inputs.length),
        maxSourceLength: loaded.options.maxSourceLength,
        // Let the event loop read requests between steps: they queue for the next batch, and
        // malformed ones and /healthz are answered without waiting for this batch to finish.
        betweenSteps: yieldToEventLoop,
      });
      return outs.map((list) => ({ ok: true as const, hyps: list.map((h) => ({ text: h.text, score: h.score })) }));
    },
    dispose: () => loaded.model.store.dispose(),
  };
}
