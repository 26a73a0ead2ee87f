import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMetric, type ModelCard, parseCard } from './card.js';

/** The files every shipped model has besides its card. */
export const MODEL_FILES = ['config.json', 'weights.json', 'weights.bin'] as const;

/** The repository's `models/` folder, or `SEQ2SEQ_MODELS` when set. */
export function modelsRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SEQ2SEQ_MODELS) return resolve(env.SEQ2SEQ_MODELS);
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../models');
}

export interface ShippedModel {
  app: string;
  dir: string;
  card: ModelCard;
}

/** Shown with every problem, since a shipped model is restored from version control. */
function restoreHint(dir: string): string {
  const rel = relative(process.cwd(), dir) || dir;
  return `restore it with \`git checkout -- ${rel}\` (or give --model DIR)`;
}

/**
 * The shipped model of `app`, checked before use: its folder, card and checkpoint files must all be
 * there with the sizes the card states, so a damaged model is named before anything is loaded.
 */
export function shippedModel(app: string, root = modelsRoot()): ShippedModel {
  const dir = join(root, app);
  const cardFile = join(dir, 'card.json');
  if (!existsSync(cardFile)) {
    const known = listShippedApps(root);
    throw new Error(
      existsSync(dir)
        ? `shipped model '${app}' at ${dir} is damaged (card.json is missing); ${restoreHint(dir)}`
        : `no shipped model for '${app}' (${dir} does not exist; shipped: ${known.join(', ') || 'none'}); give --model DIR`,
    );
  }
  let card: ModelCard;
  try {
    card = parseCard(JSON.parse(readFileSync(cardFile, 'utf8')), cardFile);
  } catch (e) {
    throw new Error(`shipped model '${app}' is damaged: ${(e as Error).message}; ${restoreHint(dir)}`);
  }
  for (const f of MODEL_FILES) {
    const file = join(dir, f);
    if (!existsSync(file)) throw new Error(`shipped model '${app}' is damaged: ${file} is missing; ${restoreHint(dir)}`);
    const want = card.files[f];
    const size = statSync(file).size;
    if (want !== undefined && size !== want) {
      throw new Error(`shipped model '${app}' is damaged: ${file} has ${size} bytes, its card says ${want}; ${restoreHint(dir)}`);
    }
  }
  return { app, dir, card };
}

/** Apps with a shipped model folder (with a card) under `root`. */
export function listShippedApps(root = modelsRoot()): string[] {
  if (!existsSync(root)) return [];
  return readdirSorted(root).filter((a) => existsSync(join(root, a, 'card.json')));
}

/** Every shipped model, checked (a damaged one throws). */
export function listShippedModels(root = modelsRoot()): ShippedModel[] {
  return listShippedApps(root).map((a) => shippedModel(a, root));
}

/**
 * `--model` for eval/predict: the given directory, or else the app's shipped model, saying which.
 * Returns the directory string as the commands take it (comma lists pass through).
 */
export function modelOrShipped(value: unknown, app: string, log: (line: string) => void): string {
  if (value !== undefined && value !== null && String(value).trim() !== '') return String(value);
  const shipped = shippedModel(app);
  const headline = shipped.card.metrics[0];
  log(`model: shipped ${relative(process.cwd(), shipped.dir) || shipped.dir} (${shipped.card.summary}${headline ? `; ${formatMetric(headline)}` : ''})`);
  return shipped.dir;
}

function readdirSorted(dir: string): string[] {
  return readdirSync(dir).sort();
}
