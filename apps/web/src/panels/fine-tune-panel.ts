import { defaultDecodeOptions, generate, type LoadedTextModel } from '@seq2seq/text2text';
import { copyTextModel, fineTune, parsePairs } from '../fine-tune.js';
import { el, progressBar, showError } from '../ui/dom.js';
import { drawLossCurve } from '../ui/loss-chart.js';
import type { Panel } from './panel.js';

const EXAMPLE_PAIRS = ['A cat sleeps on the sofa. => Eine Katze schläft auf dem Sofa.', 'Two children play in the snow. => Zwei Kinder spielen im Schnee.', 'A man rides a red bicycle. => Ein Mann fährt ein rotes Fahrrad.'].join('\n');

/**
 * Fine-tunes a copy of the translation model for a few steps on pairs the user types, shows the
 * loss curve, and translates with the result (the Translate panel keeps the shipped model).
 */
export function fineTunePanel(): { panel: Panel; setModel: (m: LoadedTextModel) => void } {
  const pairs = el('textarea', { id: 'finetune-pairs', rows: '4', cols: '70', 'aria-label': 'training pairs' });
  pairs.value = EXAMPLE_PAIRS;
  const steps = el('input', { id: 'finetune-steps', type: 'number', min: '1', max: '200', value: '10', 'aria-label': 'steps' });
  const rate = el('input', { id: 'finetune-lr', type: 'number', min: '0.00001', max: '0.1', step: '0.0001', value: '0.001', 'aria-label': 'learning rate' });
  const run = el('button', { id: 'finetune-run', disabled: '' }, 'Fine-tune');
  const progress = progressBar('finetune-progress');
  const chart = el('canvas', { id: 'finetune-loss', width: '480', height: '200' });
  const error = el('p', { id: 'finetune-error', class: 'error', hidden: '' });
  const tryInput = el('input', { id: 'finetune-input', type: 'text', size: '50', value: 'A cat sleeps on the sofa.', 'aria-label': 'sentence for the fine-tuned model' });
  const tryRun = el('button', { id: 'finetune-translate', disabled: '' }, 'Translate with the fine-tuned model');
  const tryOutput = el('p', { id: 'finetune-output', class: 'output' });
  const element = el(
    'section',
    { id: 'finetune' },
    el('h2', {}, 'Fine-tune on my examples'),
    el('p', { class: 'note' }, 'One pair per line: English => German. Trains a copy of the translation model in this tab.'),
    pairs,
    el('div', { class: 'row' }, el('label', {}, 'steps ', steps), el('label', {}, 'learning rate ', rate), run),
    progress.element,
    error,
    chart,
    el('div', { class: 'row' }, tryInput, tryRun),
    tryOutput,
  );
  drawLossCurve(chart, []);
  let base: LoadedTextModel | undefined;
  let tuned: LoadedTextModel | undefined;

  run.addEventListener('click', () => {
    if (!base) return;
    showError(error, '');
    void (async () => {
      run.disabled = true;
      element.dataset.state = 'busy';
      try {
        const examples = parsePairs(pairs.value);
        const n = Number(steps.value);
        const lr = Number(rate.value);
        if (!(Number.isInteger(n) && n >= 1 && n <= 200)) throw new Error('steps must be a whole number from 1 to 200');
        if (!(lr > 0 && lr <= 0.1)) throw new Error('the learning rate must be above 0 and at most 0.1');
        tuned?.model.store.dispose();
        tuned = copyTextModel(base!);
        const losses: number[] = [];
        progress.set(0, `step 0 of ${n}`);
        await fineTune(tuned, examples, {
          steps: n,
          learningRate: lr,
          seed: 1,
          onStep: async (i, loss) => {
            losses.push(loss);
            chart.dataset.losses = JSON.stringify(losses);
            drawLossCurve(chart, losses);
            progress.set(i / n, `step ${i} of ${n}: loss ${loss.toFixed(3)}`);
            // Let the page paint between steps.
            await new Promise((r) => setTimeout(r, 0));
          },
        });
        tryRun.disabled = false;
        element.dataset.state = 'trained';
      } catch (e) {
        showError(error, (e as Error).message);
        element.dataset.state = 'failed';
      } finally {
        run.disabled = false;
      }
    })();
  });
  tryRun.addEventListener('click', () => {
    if (!tuned) return;
    void generate(tuned.model, tuned.fields, [tryInput.value], { ...defaultDecodeOptions(), maxSourceLength: tuned.options.maxSourceLength }).then(
      ([list]) => (tryOutput.textContent = list?.[0]?.text ?? ''),
      (e: Error) => showError(error, e.message),
    );
  });
  return {
    panel: { id: 'finetune', title: 'Fine-tune', element },
    setModel(m) {
      base = m;
      run.disabled = false;
    },
  };
}
