import { el } from '../ui/dom.js';
import type { Panel } from './panel.js';

/**
 * Captioning has no shipped model yet (models/caption does not exist), so the panel only says so.
 * When one is shipped, this becomes a panel like transcribe-panel.ts with an image input.
 */
export function captionPanel(): Panel {
  const element = el('section', { id: 'caption', 'data-state': 'unavailable' }, el('h2', {}, 'Caption an image'), el('p', { class: 'note' }, 'No caption model is shipped yet (models/caption); this panel will caption a dropped image once one is.'));
  return { id: 'caption', title: 'Caption', element };
}
