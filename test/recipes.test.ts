// The documented recipes (`npx <app> train ...` in apps/*/README.md and models/*/recipe.sh) against
// the train commands' defaults: every flag a recipe sets to something other than the default is
// listed, and each must be a run choice (budget, machine) or an accepted difference with a reason.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AppSpec, type OptionSpec } from '@seq2seq/cli';
import { captionApp } from '@seq2seq/app-caption';
import { chatApp } from '@seq2seq/app-chat';
import { codegenApp } from '@seq2seq/app-codegen';
import { g2pApp } from '@seq2seq/app-g2p';
import { summarizeApp } from '@seq2seq/app-summarize';
import { transcribeApp } from '@seq2seq/app-transcribe';
import { translateApp } from '@seq2seq/app-translate';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const apps = new Map<string, AppSpec>([translateApp, summarizeApp, chatApp, captionApp, transcribeApp, codegenApp, g2pApp].map((a) => [a.name, a]));

/** How long and on what a run goes: a recipe's own business, never a default to match. */
const RUN_CHOICES = new Set(['max-minutes', 'epochs', 'patience', 'validate-every', 'validate-size', 'threads', 'resume', 'seed']);

/** Recipe settings that differ from the defaults on purpose (app:flag -> why). */
const ACCEPTED: Record<string, string> = {
  'translate:ema': 'weight averaging pays off in long runs (the 2-hour recipe); a quick run would validate a lagging average',
  'summarize:ema': 'as translate: long-run setting',
  'chat:ema': 'as translate: long-run setting',
  'codegen:ema': 'as translate: long-run setting',
  'g2p:ema': 'as translate: long-run setting',
  'summarize:copy': 'the shipped model adds the copy mechanism; plain attention is the simpler default for user data',
  'codegen:copy': 'as summarize',
  'codegen:encoder-units': 'the shipped model is a smaller network tuned for the 135-minute budget',
  'codegen:decoder-units': 'as encoder-units',
  'g2p:lr': 'the long g2p recipe trades a higher peak rate for a longer warm-up; not re-validated as defaults',
  'g2p:warmup': 'as lr',
  'g2p:batch-tokens': 'as lr',
  'g2p:epochs': 'budget',
  'transcribe:train-count': 'the recipes generate more utterances for longer runs',
  'transcribe:speeds': 'wider speed perturbation for the long recipe',
  'transcribe:vtlp': 'training-time VTLP did not beat the default in shorter runs (README)',
  'transcribe:train-speakers': "the card's speaker split (yweweler held out for the test)",
  'transcribe:valid-speakers': 'as train-speakers',
  'transcribe:ema': 'stage 1 of the documented run trains without the average, stage 2 with it',
  'caption:valid-names': 'the recipes hold no names out (train on every name, validate on another artist)',
  'caption:valid-style': 'cross-artist validation, a property of the emoji data',
  'caption:fine-tune-blocks': 'fine-tuning MobileNet costs time per update; frozen features are the fast default',
  'caption:augment-views': 'a variant recipe',
  'caption:load-size': 'emoji training already decodes at 64 (set automatically with --emoji)',
  'caption:styles': 'a three-artist variant',
  'caption:valid-drawings': 'leave-one-artist-out: a fixed slice of the held-out artist selects, the rest is its test slice',
  'caption:encoder': 'the MobileNet v2 1.0 experiment; v1 0.25 stays the default (features about 7x cheaper)',
  'caption:ema': 'as translate: long-run setting',
};

interface Recipe {
  file: string;
  app: string;
  args: string[];
}

/** `npx <app> train ...` command lines of a file, backslash continuations joined, comments dropped. */
function recipesIn(file: string): Recipe[] {
  const text = readFileSync(file, 'utf8').replace(/\\\n\s*/g, ' ');
  const out: Recipe[] = [];
  for (const m of text.matchAll(/npx (\w+) train ([^`\n]*)/g)) {
    const args = m[2]!.replace(/\s#.*$/, '').match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
    out.push({ file: file.slice(root.length + 1), app: m[1]!, args: args.map((a) => a.replace(/^["']|["'],?$/g, '')) });
  }
  return out;
}

function allRecipes(): Recipe[] {
  const files = [
    ...readdirSync(join(root, 'apps')).map((a) => join(root, 'apps', a, 'README.md')),
    ...readdirSync(join(root, 'models')).map((m) => join(root, 'models', m, 'recipe.sh')),
  ];
  return files.flatMap((f) => {
    try {
      return recipesIn(f);
    } catch {
      return [];
    }
  });
}

/** Flags whose recipe value differs from the command default: `flag recipe-value (default X)`. */
function mismatches(r: Recipe): { flag: string; recipe: string; def: string }[] {
  const app = apps.get(r.app);
  if (!app) throw new Error(`${r.file}: no app '${r.app}'`);
  const specs = app.commands.find((c) => c.name === 'train')!.options;
  const out: { flag: string; recipe: string; def: string }[] = [];
  for (let i = 0; i < r.args.length; i++) {
    const a = r.args[i]!;
    if (!a.startsWith('--')) continue;
    let name = a.slice(2);
    let spec: OptionSpec | undefined = specs[name];
    let value: string;
    if (!spec && name.startsWith('no-') && specs[name.slice(3)]?.type === 'boolean') {
      name = name.slice(3);
      spec = specs[name]!;
      value = 'false';
    } else if (!spec) throw new Error(`${r.file}: '${r.app} train' has no option --${name}`);
    else value = spec.type === 'boolean' ? 'true' : r.args[++i]!;
    const def = spec.type === 'boolean' ? String(spec.default ?? false) : 'default' in spec && spec.default !== undefined ? String(spec.default) : undefined;
    // No default (paths, --out) or a shell variable: nothing to compare.
    if (def === undefined || value.includes('$')) continue;
    const same = spec.type === 'number' ? Number(value) === Number(def) : value === def;
    if (!same) out.push({ flag: name, recipe: value, def });
  }
  return out;
}

describe('README recipes vs command defaults', () => {
  const recipes = allRecipes();
  it('finds the recipes of every app with documented numbers', () => {
    expect(new Set(recipes.map((r) => r.app))).toEqual(new Set(['translate', 'summarize', 'chat', 'caption', 'transcribe', 'codegen', 'g2p']));
  });
  it('every recipe flag that differs from the default is a run choice or an accepted difference', () => {
    const table: string[] = [];
    const unexplained: string[] = [];
    for (const r of recipes) {
      for (const m of mismatches(r)) {
        const key = `${r.app}:${m.flag}`;
        const why = RUN_CHOICES.has(m.flag) ? 'run choice' : ACCEPTED[key];
        table.push(`${r.file}: ${r.app} --${m.flag} ${m.recipe} (default ${m.def}): ${why ?? 'UNEXPLAINED'}`);
        if (!why) unexplained.push(`${r.file}: ${r.app} train --${m.flag} ${m.recipe}, default ${m.def}`);
      }
    }
    // The full list, for whoever changes a default or a recipe.
    console.log(table.join('\n'));
    expect(unexplained).toEqual([]);
  });
});
