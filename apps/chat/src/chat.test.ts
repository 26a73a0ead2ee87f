import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { runApp } from '@seq2seq/cli';
import { corpusBleu } from '@seq2seq/metrics';
import { encodePairs, loadTextModel, makeBatch, resolveModelDir } from '@seq2seq/text2text';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPairs, readDialogueData } from './data.js';
import { chatApp, chatArgv } from './index.js';
import { distinctN, replyMetrics } from './metrics.js';
import { perplexity } from './perplexity.js';
import { ChatSession, talkLoop } from './talk.js';

const here = dirname(fileURLToPath(import.meta.url));
const DD = join(here, '../data/sample.dailydialog.txt');
const CB = join(here, '../data/sample.chatterbot.yml');
const dir = mkdtempSync(join(tmpdir(), 'chat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runApp(chatApp, chatArgv(argv), { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err: err.join('\n') };
}
async function* lines(xs: string[]): AsyncIterable<string> {
  yield* xs;
}

describe('chat data', () => {
  it('turns dialogues into (last k turns -> next turn) pairs from DailyDialog and chatterbot files', () => {
    const dd = readDialogueData(DD, () => {});
    expect(dd.dialogues).toHaveLength(20);
    const pairs = loadPairs([DD], { contextTurns: 2, maxContextWords: 0 }, () => {});
    expect(pairs).toHaveLength(dd.dialogues.reduce((n, d) => n + d.length - 1, 0));
    const d0 = dd.dialogues[0]!;
    expect(pairs[2]).toEqual({ source: `${d0[1]} __eou__ ${d0[2]}`, target: d0[3] });
    expect(loadPairs([DD], { contextTurns: 2, maxContextWords: 5 }, () => {})[2]!.source.split(' ')).toHaveLength(5);
    expect(loadPairs([CB], { contextTurns: 2, maxContextWords: 0 }, () => {})[0]).toEqual({ source: 'Hello', target: 'Hi' });
  });

  it('drops evaluation dialogues that occur in train, and skips bad lines with counts', async () => {
    const dd = join(dir, 'dailydialog');
    mkdirSync(join(dd, 'train'), { recursive: true });
    mkdirSync(join(dd, 'validation'), { recursive: true });
    const src = readFileSync(DD, 'utf8').split('\n');
    writeFileSync(join(dd, 'train', 'dialogues_train.txt'), src.slice(0, 10).join('\n'));
    writeFileSync(join(dd, 'validation', 'dialogues_validation.txt'), [src[3], src[15], '', 'one turn only __eou__', src[16]].join('\n'));
    const log: string[] = [];
    const { loadEvalPairs } = await import('./preset.js');
    const pairs = loadEvalPairs({ data: [join(dd, 'validation', 'dialogues_validation.txt')], 'context-turns': 2, 'max-context-words': 60 }, (l) => log.push(l));
    expect(log.join('\n')).toMatch(/dropped 1 dialogues/);
    expect(log.join('\n')).toMatch(/"empty":1,"oneTurn":1/);
    const kept = readDialogueData(DD, () => {}).dialogues;
    expect(pairs.length).toBe(kept[15]!.length - 1 + kept[16]!.length - 1);
    writeFileSync(join(dir, 'bad.tsv'), 'hi\thello\nno tab\n\tx\n');
    expect(loadPairs([join(dir, 'bad.tsv')], { contextTurns: 2, maxContextWords: 0 }, () => {})).toEqual([{ source: 'hi', target: 'hello' }]);
  });

  it('distinct-n and BLEU', () => {
    expect(distinctN(['a b a', 'a c'], 1)).toBe(60);
    expect(distinctN(['a b a', 'a b'], 2)).toBe(Math.round((10000 * 2) / 3) / 100);
    expect(distinctN([''], 2)).toBe(0);
    expect(replyMetrics(['the cat sat .'], ['the cat sat on it .']).bleu).toBe(Math.round(corpusBleu(['the cat sat .'], [['the cat sat on it .']]).score * 100) / 100);
  });
});

describe('chat end to end', () => {
  it('trains, evaluates (perplexity = exp of the unsmoothed teacher-forced loss), talks with /reset, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const out = join(dir, 'model');
    const tiny = ['--vocab-size', '200', '--embedding-dim', '16', '--encoder-units', '16', '--decoder-units', '16', '--batch-tokens', '1500', '--backend', 'cpu'];
    const t = await run(['train', '--train', DD, '--train', CB, '--valid', DD, '--out', out, '--epochs', '2', '--validate-size', '5', ...tiny]);
    expect(t.code).toBe(0);
    expect(t.err).toMatch(/dropped 20 dialogues that also occur/); // validation == train here
    const hypFile = join(dir, 'replies.txt');
    const e = await run(['eval', '--model', out, '--data', DD, '--beam', '1', '--max-length', '8', '--output-file', hypFile, '--backend', 'cpu']);
    expect(e.code).toBe(0);
    const json = JSON.parse(e.out.at(-1)!) as Record<string, number>;
    expect(Object.keys(json)).toEqual(['perplexity', 'bleu', 'distinct1', 'distinct2', 'n']);
    const pairs = loadPairs([DD], { contextTurns: 2, maxContextWords: 60 }, () => {});
    expect(json.n).toBe(pairs.length);
    expect({ bleu: json.bleu, distinct1: json.distinct1, distinct2: json.distinct2 }).toEqual(replyMetrics(readFileSync(hypFile, 'utf8').split('\n').slice(0, pairs.length), pairs.map((p) => p.target)));

    const loaded = await loadTextModel(resolveModelDir(out, existsSync), 'chat');
    try {
      // Batching does not change the result, and it equals exp of the model's own unsmoothed loss.
      const some = pairs.slice(0, 6);
      const ppl = await perplexity(loaded.model, loaded.fields, some, loaded.options);
      expect((await perplexity(loaded.model, loaded.fields, some, loaded.options, 2)).perplexity).toBeCloseTo(ppl.perplexity, 3);
      const { examples } = encodePairs(some, loaded.fields, loaded.options);
      const batch = makeBatch(examples);
      const loss = loaded.model.loss(batch.input, batch.target);
      expect(ppl.perplexity).toBeCloseTo(Math.exp((await loss.data())[0]!), 3);
      expect(ppl.tokens).toBe(batch.numTargetTokens);
      loss.dispose();
      batch.dispose();
      const fromEval = await perplexity(loaded.model, loaded.fields, pairs, loaded.options);
      expect(json.perplexity).toBe(Math.round(fromEval.perplexity * 100) / 100);
      const session = new ChatSession(loaded, { contextTurns: 2, maxContextWords: 60 }, { beam: 1, maxLength: 10, maxLengthRatio: 1000 });
      const replies: string[] = [];
      const notes: string[] = [];
      await talkLoop(lines(['Hello', '', 'How are you ?', '/reset', 'Hi', '/quit', 'never read']), session, (l) => replies.push(l), (l) => notes.push(l));
      expect(replies).toHaveLength(3);
      expect(notes).toEqual(['(history cleared)']);
      expect(session.history).toEqual(['Hi', replies[2]]);
      expect(session.input()).toBe(`Hi __eou__ ${replies[2]}`.trim());
    } finally {
      loaded.model.store.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('treats options without a command as talk, and fails clearly on bad input', async () => {
    expect(chatArgv(['--model', 'x'])).toEqual(['talk', '--model', 'x']);
    expect(chatArgv(['eval', '--model', 'x'])[0]).toBe('eval');
    writeFileSync(join(dir, 'bad.jsonl'), 'not json\n');
    const r = await run(['eval', '--model', join(dir, 'model'), '--data', join(dir, 'bad.jsonl'), '--backend', 'cpu']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is not JSON Lines/);
  });
});
