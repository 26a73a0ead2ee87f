// Checkpoints written before a default changed keep their behaviour: a model saved before
// `inputFeeding` was a stored key (it was on by default then) loads with input feeding on and
// translates exactly as it did, although today's default for new models is off.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { translateApp } from '@seq2seq/app-translate';
import { describe, expect, it } from 'vitest';
import { run, tempDir, TINY_TRANSLATE, writeTranslateCorpus } from './reliability/helpers.js';

interface Config {
  decoder: { config: Record<string, unknown> };
  task: { options?: Record<string, unknown> };
}

describe('an old checkpoint without the inputFeeding key', () => {
  it('loads with input feeding on and gives the same translations', async () => {
    const dir = tempDir('old-ckpt');
    const train = writeTranslateCorpus(dir);
    const out = join(dir, 'run');
    const trained = await run(translateApp, ['train', '--out', out, '--train', train, '--valid', train, '--epochs', '3', '--input-feeding', '--seed', '4', ...TINY_TRANSLATE]);
    expect(trained.code, trained.err).toBe(0);
    const model = join(out, 'best');
    const inputs = ['red cat', 'big dog', 'small blue'];
    const predict = () => run(translateApp, ['predict', '--model', model, '--backend', 'cpu', ...inputs]);
    const before = await predict();
    expect(before.code, before.err).toBe(0);
    expect(before.out).toHaveLength(3);

    const file = join(model, 'config.json');
    const config = JSON.parse(readFileSync(file, 'utf8')) as Config;
    expect(config.decoder.config.inputFeeding).toBe(true);
    delete config.decoder.config.inputFeeding;
    delete config.task.options?.inputFeeding;
    writeFileSync(file, JSON.stringify(config));

    const after = await predict();
    expect(after.code, after.err).toBe(0);
    expect(after.out).toEqual(before.out);
  }, 120_000);
});
