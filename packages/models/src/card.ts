/** One measured number on a model card. */
export interface CardMetric {
  /** e.g. 'Multi30k en-de' */
  dataset: string;
  /** e.g. 'test_2016_flickr' */
  split: string;
  /** e.g. 'BLEU (sacreBLEU 13a, cased)' */
  metric: string;
  value: number;
  /** e.g. 'beam 5' */
  decoding: string;
}

/** The machine-readable half of a shipped model's card (`card.json`); MODEL.md is the readable one. */
export interface ModelCard {
  app: string;
  /** One line: what the model does and on what data. */
  summary: string;
  /** Licence of the training data. */
  dataLicence: string;
  /** How float32 weights are stored: 'float16' or 'uint8'. */
  weightsDtype: string;
  parameters: number;
  /** Bytes of each file of the checkpoint, as shipped. */
  files: Record<string, number>;
  metrics: CardMetric[];
}

/** Validates a parsed card.json; `where` names the file in messages. */
export function parseCard(value: unknown, where: string): ModelCard {
  const fail = (why: string): never => {
    throw new Error(`bad model card ${where}: ${why}`);
  };
  const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!obj(value)) return fail('not a JSON object');
  for (const k of ['app', 'summary', 'dataLicence', 'weightsDtype'] as const) if (typeof value[k] !== 'string') fail(`'${k}' must be a string`);
  if (!Number.isInteger(value.parameters)) fail("'parameters' must be an integer");
  if (!obj(value.files) || !Object.values(value.files).every((n) => Number.isInteger(n))) fail("'files' must map file names to byte counts");
  if (!Array.isArray(value.metrics)) return fail("'metrics' must be an array");
  for (const m of value.metrics) {
    if (!obj(m) || typeof m.value !== 'number' || !['dataset', 'split', 'metric', 'decoding'].every((k) => typeof m[k] === 'string')) {
      fail('each metric needs dataset, split, metric, decoding (strings) and value (number)');
    }
  }
  return value as unknown as ModelCard;
}

/** e.g. "BLEU (sacreBLEU 13a, cased) 33.16 on Multi30k en-de test_2016_flickr (beam 5)" */
export function formatMetric(m: CardMetric): string {
  return `${m.metric} ${m.value} on ${m.dataset} ${m.split} (${m.decoding})`;
}
