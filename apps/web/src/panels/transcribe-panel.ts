import { transcribeDecodeDefaults } from '@seq2seq/app-transcribe/decode-defaults';
import { defaultSpeechDecodeOptions, type LoadedSpeechModel, transcribeViews, wavBytesViews } from '@seq2seq/speech2text';
import { el, megabytes, progressBar, showError } from '../ui/dom.js';
import { fetchSpeechModel, modelUrl } from '../models.js';
import type { Panel, PanelContext } from './panel.js';

/** Hypotheses shown: `transcribe predict --nbest 5`. */
const NBEST = 5;
/** The shipped sample files (copied next to the model by the build). */
const SAMPLES = ['yweweler-00000.wav', 'yweweler-00001.wav', 'yweweler-00002.wav'];

/**
 * `transcribe predict`'s decoding of one file's bytes: its default VTLP warps (test-time
 * augmentation), beam, length penalty and output limit; bad audio throws an AudioInputError naming
 * the file.
 */
export async function transcribeBytes(m: LoadedSpeechModel, bytes: Uint8Array, file: string, nBest: number) {
  const d = defaultSpeechDecodeOptions(transcribeDecodeDefaults);
  // One view per warp, each a batch of this one file.
  const views = wavBytesViews(bytes, file, { features: m.options.features, warps: d.warps }).map((v) => [v]);
  const [list] = await transcribeViews([m.model], m.target, views, { beam: Math.max(d.beam, nBest), nBest, lengthPenalty: d.lengthPenalty, maxLength: d.maxLength, factor: m.options.factor });
  return list ?? [];
}

/** Speech recognition with the shipped digit-string model on a WAV the user drops or picks. */
export function transcribePanel(ctx: PanelContext): Panel {
  const progress = progressBar('transcribe-load');
  const file = el('input', { id: 'transcribe-file', type: 'file', accept: '.wav,audio/wav', 'aria-label': 'WAV file' });
  const drop = el('div', { id: 'transcribe-drop', class: 'drop' }, 'Drop a WAV file here, or pick one: ', file);
  const samples = el('div', { class: 'row' }, 'Samples: ', ...SAMPLES.map((s) => el('button', { 'data-sample': s, disabled: '' }, s)));
  const output = el('p', { id: 'transcribe-output', class: 'output' });
  const nbest = el('ol', { id: 'transcribe-nbest' });
  const error = el('p', { id: 'transcribe-error', class: 'error', hidden: '' });
  const element = el('section', { id: 'transcribe' }, el('h2', {}, 'Transcribe (spoken digits, 8 kHz WAV)'), progress.element, drop, samples, error, output, el('h3', {}, `${NBEST}-best`), nbest);
  let model: LoadedSpeechModel | undefined;

  const run = async (name: string, bytes: () => Promise<Uint8Array>) => {
    if (!model) return;
    showError(error, '');
    output.textContent = '';
    nbest.replaceChildren();
    element.dataset.state = 'busy';
    try {
      const list = await transcribeBytes(model, await bytes(), name, NBEST);
      output.textContent = list[0]?.text ?? '';
      nbest.replaceChildren(...list.map((h) => el('li', { 'data-score': String(h.score) }, el('span', { class: 'score' }, h.score.toFixed(4)), ' ', el('span', { class: 'text' }, h.text))));
    } catch (e) {
      showError(error, (e as Error).message);
    } finally {
      element.dataset.state = 'done';
    }
  };
  const runFile = (f: File) => run(f.name, async () => new Uint8Array(await f.arrayBuffer()));
  file.addEventListener('change', () => file.files?.[0] && void runFile(file.files[0]));
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    const f = e.dataTransfer?.files[0];
    if (f) void runFile(f);
  });
  const url = modelUrl('transcribe', ctx.base);
  samples.querySelectorAll('button').forEach((b) =>
    b.addEventListener('click', () => {
      const name = b.dataset.sample!;
      void run(name, async () => {
        const res = await fetch(new URL(`samples/wav/${name}`, url));
        if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
        return new Uint8Array(await res.arrayBuffer());
      });
    }),
  );

  progress.set(0, `loading ${url} …`);
  fetchSpeechModel(url, 'transcribe', { onProgress: (n, total) => progress.set(n / total, `weights ${megabytes(n)} of ${megabytes(total)}`) })
    .then((m) => {
      model = m;
      progress.set(1, `model loaded (${m.target.vocab.size} output words)`);
      samples.querySelectorAll('button').forEach((b) => (b.disabled = false));
      element.dataset.state = 'ready';
    })
    .catch((e: Error) => {
      progress.set(0, 'not loaded');
      showError(error, e.message);
      element.dataset.state = 'failed';
    });
  return { id: 'transcribe', title: 'Transcribe', element };
}
