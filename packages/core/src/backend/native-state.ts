/**
 * The native addon's switch and counters, apart from native-kernels.ts: that file imports
 * @seq2seq/native (Node only), and lstmLayer must be able to ask "is the native path on?" in a
 * browser bundle without loading the addon.
 */

/**
 * Since install: matMuls run natively and matMuls that fell back to the wasm kernel; LSTM layer
 * forward and backward native calls.
 */
export const nativeKernelStats = { native: 0, fallback: 0, lstmForward: 0, lstmBackward: 0 };

/** Forward: proj, u, h0, c0, mask -> [packed [B, T + 2, H], gates [T, B, 4H], hPrev, cPrev, tanh(c) [T, B, H]]. */
export const NATIVE_LSTM_KERNEL = 'Seq2SeqNativeLstm';
/** Backward: dy, u, mask, gates, hPrev, cPrev, tc -> [dProj [B, T, 4H], dU [H, 4H], dState [2, B, H]]. */
export const NATIVE_LSTM_GRAD_KERNEL = 'Seq2SeqNativeLstmGrad';

let enabled = true;
let installed = false;

/** Turns the installed native kernels off (wasm kernels) and on again: for side-by-side benchmarks. */
export function setNativeEnabled(on: boolean): void {
  enabled = on;
}

/** Whether native kernels are switched on (installed or not). */
export function nativeSwitchedOn(): boolean {
  return enabled;
}

/** Called once by installNativeKernels. */
export function markNativeInstalled(): void {
  installed = true;
}

/** Whether the native kernels are installed and enabled (lstmLayer asks before taking the native path). */
export function nativeEnabled(): boolean {
  return enabled && installed;
}
