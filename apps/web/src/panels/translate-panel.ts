import { defaultDecodeOptions, generate, type LoadedTextModel } from '@seq2seq/text2text';
import { drawAttention } from '../ui/heatmap.js';
import { el, megabytes, progressBar, showError } from '../ui/dom.js';
import { fetchTextModel, modelUrl } from '../models.js';
import type { Panel, PanelContext } from './panel.js';

/** Hypotheses shown: `translate predict --nbest 5` (its beam is max(5, nbest) = 5). */
export const NBEST = 5;

/** Translation with the shipped en->de model: the best output, the n-best list and the attention. */
export function translatePanel(ctx: PanelContext, loaded: (m: LoadedTextModel) => void): Panel {
  const progress = progressBar('translate-load');
  const input = el('input', { id: 'translate-input', type: 'text', value: 'A dog runs on the beach.', size: '50', 'aria-label': 'English sentence' });
  const run = el('button', { id: 'translate-run', disabled: '' }, 'Translate');
  const output = el('p', { id: 'translate-output', class: 'output' });
  const nbest = el('ol', { id: 'translate-nbest' });
  const canvas = el('canvas', { id: 'translate-attention', width: '10', height: '10' });
  const error = el('p', { id: 'translate-error', class: 'error', hidden: '' });
  const element = el('section', { id: 'translate' }, el('h2', {}, 'Translate (English → German)'), progress.element, el('div', { class: 'row' }, input, run), error, output, el('h3', {}, `${NBEST}-best`), nbest, el('h3', {}, 'Attention'), canvas);
  let model: LoadedTextModel | undefined;

  const translate = async () => {
    if (!model) return;
    showError(error, '');
    run.disabled = true;
    element.dataset.state = 'busy';
    try {
      const text = input.value.trim();
      if (text === '') throw new Error('type a sentence to translate');
      const [list] = await generate(model.model, model.fields, [text], { ...defaultDecodeOptions(), beam: Math.max(defaultDecodeOptions().beam ?? 5, NBEST), nBest: NBEST, returnAttention: true, maxSourceLength: model.options.maxSourceLength });
      const best = list?.[0];
      output.textContent = best?.text ?? '';
      nbest.replaceChildren(...(list ?? []).map((h) => el('li', { 'data-score': String(h.score) }, el('span', { class: 'score' }, h.score.toFixed(4)), ' ', el('span', { class: 'text' }, h.text))));
      if (best?.attention) drawAttention(canvas, best.attention, [...best.targetPieces, '</s>'], best.sourcePieces);
    } catch (e) {
      showError(error, (e as Error).message);
    } finally {
      run.disabled = false;
      element.dataset.state = 'done';
    }
  };
  run.addEventListener('click', () => void translate());
  input.addEventListener('keydown', (e) => e.key === 'Enter' && void translate());

  const url = modelUrl('translate', ctx.base);
  progress.set(0, `loading ${url} …`);
  fetchTextModel(url, 'translate', { onProgress: (n, total) => progress.set(n / total, `weights ${megabytes(n)} of ${megabytes(total)}`) })
    .then((m) => {
      model = m;
      progress.set(1, `model loaded (${m.fields.source.vocab.size} source and ${m.fields.target.vocab.size} target pieces)`);
      run.disabled = false;
      element.dataset.state = 'ready';
      loaded(m);
    })
    .catch((e: Error) => {
      progress.set(0, 'not loaded');
      showError(error, e.message);
      element.dataset.state = 'failed';
    });
  return { id: 'translate', title: 'Translate', element };
}
