import type { AppSpec, Command } from '@seq2seq/cli';
import { bleuCommand } from './bleu-command.js';
import { chrfCommand } from './chrf-command.js';
import { terCommand } from './ter-command.js';
import { werCommand } from './wer.js';
import { cerCommand } from './cer.js';
import { rougeCommand } from './rouge.js';
import { ciderCommand } from './cider.js';
import { cocoBleuCommand } from './coco-bleu.js';
import { nltkBleuCommand } from './nltk-bleu.js';
import { withClearErrors } from './metric-errors.js';

/** Subcommands of the `metrics` bin, in help order (errors made readable). Adding a metric is one line here. */
export const METRICS_COMMANDS: Command[] = [
  bleuCommand,
  chrfCommand,
  terCommand,
  werCommand,
  cerCommand,
  rougeCommand,
  ciderCommand,
  cocoBleuCommand,
  nltkBleuCommand,
].map(withClearErrors);

/** The `metrics` app: a dispatcher over METRICS_COMMANDS with generated `--help`. */
export const metricsApp: AppSpec = {
  name: 'metrics',
  description: 'score hypotheses (stdin, one per line) against reference files; prints JSON',
  commands: METRICS_COMMANDS,
};
