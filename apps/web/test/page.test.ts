import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { decodeWav } from '@seq2seq/audio';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHROMIUM } from './global-setup.js';

// The built page in headless Chromium, each task end to end, against the command line on the same
// input: what a user gets in the browser must be what `translate predict` / `transcribe predict` print.
const url = inject('webUrl');
const skip = inject('webSkip');
const repo = fileURLToPath(new URL('../../..', import.meta.url));
/** Screenshots of each panel (git-ignored). */
const shots = fileURLToPath(new URL('../test-results/', import.meta.url));
const SENTENCE = 'A dog runs on the beach.';
const SAMPLE = 'models/transcribe/samples/wav/yweweler-00000.wav';

interface CliOutput {
  outputs: { text: string; score: number }[];
}

/** One JSON line of `<app> predict --json --nbest 5` (the app's own defaults otherwise). */
async function cli(app: string, input: string): Promise<CliOutput> {
  const { stdout } = await promisify(execFile)('npx', [app, 'predict', '--json', '--nbest', '5', input], { cwd: repo, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as CliOutput;
}

async function nbestOf(page: Page, list: string): Promise<{ text: string; score: number }[]> {
  return page.$$eval(`${list} li`, (items) => items.map((li) => ({ text: li.querySelector('.text')?.textContent ?? '', score: Number(li.getAttribute('data-score')) })));
}

function expectSameList(page: { text: string; score: number }[], expected: CliOutput): void {
  expect(page.map((h) => h.text)).toEqual(expected.outputs.map((h) => h.text));
  // Scores agree to float32 rounding (the page runs in the browser's wasm, the CLI on Node's).
  page.forEach((h, i) => expect(Math.abs(h.score - expected.outputs[i]!.score)).toBeLessThan(1e-3));
}

describe.skipIf(url === '')(`the page in headless Chromium${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let browser: Browser;
  let page: Page;
  let translateCli: Promise<CliOutput>;
  let transcribeCli: Promise<CliOutput>;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    // The command lines run while the browser works.
    translateCli = cli('translate', SENTENCE);
    transcribeCli = cli('transcribe', SAMPLE);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    // The tasks run on wasm: headless Chromium without a GPU offers WebGL only through SwiftShader,
    // a software rasteriser that decodes ~15x slower than wasm here (the backend test shows the choice).
    page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}?backend=wasm`);
    await page.waitForSelector('#translate[data-state=ready], #translate[data-state=failed]');
    await page.waitForSelector('#transcribe[data-state=ready], #transcribe[data-state=failed]');
    expect(errors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('picks the fastest backend the browser has and says which', async () => {
    const fresh = await browser.newPage();
    await fresh.goto(url);
    await fresh.waitForFunction(() => document.body.dataset.backend !== undefined);
    const shown = await fresh.textContent('#backend');
    expect(['webgpu', 'webgl', 'wasm']).toContain(shown);
    // Whatever was passed over is named with the reason (e.g. "webgpu: no WebGPU adapter").
    const note = (await fresh.textContent('#backend-note')) ?? '';
    if (shown !== 'webgpu') expect(note).toMatch(/webgpu: /);
    await fresh.close();
    expect(await page.textContent('#backend')).toBe('wasm');
    expect(await page.textContent('#translate-load-text')).toMatch(/^model loaded/);
  });

  it('translates a sentence as `translate predict` does, with its n-best list and the attention heat map', async () => {
    await page.fill('#translate-input', SENTENCE);
    await page.click('#translate-run');
    await page.waitForSelector('#translate[data-state=done]');
    const expected = await translateCli;
    expect(await page.textContent('#translate-output')).toBe(expected.outputs[0]!.text);
    expectSameList(await nbestOf(page, '#translate-nbest'), expected);
    const size = await page.$eval('#translate-attention', (c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height]);
    expect(size[0]).toBeGreaterThan(100);
    expect(size[1]).toBeGreaterThan(100);
    await page.locator('#translate').screenshot({ path: `${shots}translate.png` });
  });

  it('transcribes a WAV the user picks as `transcribe predict` does', async () => {
    await page.setInputFiles('#transcribe-file', `${repo}/${SAMPLE}`);
    await page.waitForSelector('#transcribe[data-state=done]');
    const expected = await transcribeCli;
    expect(await page.textContent('#transcribe-error')).toBe('');
    expect(await page.textContent('#transcribe-output')).toBe(expected.outputs[0]!.text);
    expectSameList(await nbestOf(page, '#transcribe-nbest'), expected);
    await page.locator('#transcribe').screenshot({ path: `${shots}transcribe.png` });
  });

  it('names a bad file and why, as the command line would', async () => {
    for (const [name, bytes] of [
      ['notes.wav', Buffer.from('these are my notes, not audio')],
      ['empty.wav', Buffer.alloc(0)],
    ] as const) {
      await page.setInputFiles('#transcribe-file', { name, mimeType: 'audio/wav', buffer: bytes });
      await page.waitForSelector('#transcribe[data-state=done]');
      const message = (() => {
        try {
          decodeWav(bytes, name);
          return 'decoded';
        } catch (e) {
          return (e as Error).message;
        }
      })();
      expect(message).toMatch(new RegExp(`^${name}: `));
      expect(await page.textContent('#transcribe-error')).toBe(message);
      expect(await page.textContent('#transcribe-output')).toBe('');
    }
    await page.locator('#transcribe').screenshot({ path: `${shots}transcribe-bad-file.png` });
  });

  it('fine-tunes on typed pairs and the loss goes down', async () => {
    await page.fill('#finetune-steps', '8');
    await page.click('#finetune-run');
    await page.waitForSelector('#finetune[data-state=trained], #finetune[data-state=failed]');
    expect(await page.textContent('#finetune-error')).toBe('');
    const losses = JSON.parse((await page.getAttribute('#finetune-loss', 'data-losses')) ?? '[]') as number[];
    expect(losses).toHaveLength(8);
    // The shipped model already translates these pairs well (first loss ~1.46 with label smoothing and
    // dropout): 8 steps take ~10% off, seeded, so the same on every run.
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.95);
    expect(await page.textContent('#finetune-progress-text')).toMatch(/^step 8 of 8: loss /);
    await page.locator('#finetune').screenshot({ path: `${shots}finetune.png` });
  });

  it('has a place for captioning and says no caption model is shipped yet', async () => {
    expect(await page.textContent('#caption')).toMatch(/No caption model is shipped yet/);
    await page.locator('#caption').screenshot({ path: `${shots}caption.png` });
    await page.screenshot({ path: `${shots}page.png`, fullPage: true });
  });
});
