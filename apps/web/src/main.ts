import { startBrowserBackend, forcedBackend } from './backend.js';
import { captionPanel } from './panels/caption-panel.js';
import { fineTunePanel } from './panels/fine-tune-panel.js';
import type { Panel } from './panels/panel.js';
import { transcribePanel } from './panels/transcribe-panel.js';
import { translatePanel } from './panels/translate-panel.js';

const label = document.getElementById('backend')!;
const note = document.getElementById('backend-note')!;
const main = document.getElementById('panels')!;

try {
  // The backend first: panels start loading models (and making tensors) as soon as they exist.
  const choice = await startBrowserBackend(forcedBackend(location.search));
  label.textContent = choice.backend;
  document.body.dataset.backend = choice.backend;
  note.textContent = choice.skipped.length ? `(not available: ${choice.skipped.join('; ')})` : '';
  const ctx = { base: document.baseURI };
  const fineTune = fineTunePanel();
  const panels: Panel[] = [translatePanel(ctx, (m) => fineTune.setModel(m)), transcribePanel(ctx), captionPanel(), fineTune.panel];
  main.replaceChildren(...panels.map((p) => p.element));
} catch (e) {
  label.textContent = 'none';
  note.textContent = (e as Error).message;
  note.className = 'error';
}
