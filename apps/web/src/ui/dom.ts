/** A new element with attributes and children (strings become text). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

/** A labelled progress bar; `set` takes a fraction in [0, 1] and a line of text. */
export interface ProgressBar {
  element: HTMLElement;
  set(fraction: number, text: string): void;
}

export function progressBar(id: string): ProgressBar {
  const bar = el('progress', { id: `${id}-bar`, max: '1', value: '0' });
  const label = el('span', { id: `${id}-text`, class: 'progress-text' });
  return {
    element: el('div', { class: 'progress', id }, bar, label),
    set(fraction, text) {
      bar.value = Math.max(0, Math.min(1, fraction));
      label.textContent = text;
    },
  };
}

/** Shows `message` in an error box (empty hides it). */
export function showError(box: HTMLElement, message: string): void {
  box.textContent = message;
  box.hidden = message === '';
}

export function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
