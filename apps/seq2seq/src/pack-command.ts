import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Command, command } from '@seq2seq/cli';
import { packCheckpoint, WEIGHTS_DTYPES, type WeightsDtype } from '@seq2seq/core';
import { resolveModelDir } from '@seq2seq/text2text';
import { MODEL_FILES, parseCard } from '@seq2seq/models';

/**
 * `seq2seq pack`: an inference-only, quantised copy of a checkpoint into a model folder (e.g.
 * models/translate). The folder's other files (MODEL.md, recipe) stay; card.json, if present,
 * gets the new file sizes, dtype and parameter count (its metrics are the maintainer's to update).
 */
export const packCommand: Command = command({
  name: 'pack',
  summary: 'write an inference-only copy of a checkpoint with float16 or uint8 weights (how shipped models are made)',
  options: {
    model: { type: 'string', description: 'checkpoint directory (a training OUT dir means OUT/best)', required: true },
    out: { type: 'string', description: 'model folder to write config.json, weights.json and weights.bin into', required: true },
    dtype: { type: 'string', description: `stored weight type: ${WEIGHTS_DTYPES.join(' | ')}`, default: 'float16' },
  },
  async run(o, _p, ctx) {
    const dtype = String(o.dtype) as WeightsDtype;
    if (!WEIGHTS_DTYPES.includes(dtype)) throw new Error(`--dtype must be one of ${WEIGHTS_DTYPES.join(', ')}, got '${dtype}'`);
    const src = resolveModelDir(String(o.model), existsSync);
    const out = resolve(String(o.out));
    mkdirSync(out, { recursive: true });
    // Packed beside the folder, then the three files moved in: the folder keeps its card and notes.
    const tmp = mkdtempSync(join(dirname(out), '.pack-'));
    try {
      const packed = join(tmp, 'model');
      const { config, bytes, parameters } = await packCheckpoint(src, packed, dtype);
      for (const f of MODEL_FILES) renameSync(join(packed, f), join(out, f));
      const files = Object.fromEntries(MODEL_FILES.map((f) => [f, statSync(join(out, f)).size]));
      const cardFile = join(out, 'card.json');
      if (existsSync(cardFile)) {
        const card = parseCard(JSON.parse(readFileSync(cardFile, 'utf8')), cardFile);
        writeFileSync(cardFile, `${JSON.stringify({ ...card, weightsDtype: dtype, parameters, files }, null, 2)}\n`);
        ctx.err(`updated ${cardFile} (sizes, dtype, parameters; metrics unchanged)`);
      }
      ctx.err(`packed ${src} -> ${out}: ${parameters.toLocaleString('en')} parameters, ${dtype}, weights.bin ${(bytes / 1e6).toFixed(2)} MB (app '${String(config.task.app)}')`);
      ctx.out(JSON.stringify({ out, dtype, parameters, files }));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
});
