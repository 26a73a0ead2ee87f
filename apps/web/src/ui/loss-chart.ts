/** Draws a loss curve (one point per training step) with its first and last values. */
export function drawLossCurve(canvas: HTMLCanvasElement, losses: readonly number[]): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const [w, h, pad] = [canvas.width, canvas.height, 32];
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = '#999';
  ctx.strokeRect(pad, 8, w - pad - 8, h - pad - 8);
  if (losses.length === 0) return;
  const max = Math.max(...losses);
  const min = Math.min(0, ...losses);
  const x = (i: number) => pad + ((w - pad - 8) * i) / Math.max(1, losses.length - 1);
  const y = (v: number) => 8 + (h - pad - 8) * (1 - (v - min) / (max - min || 1));
  ctx.strokeStyle = '#c0392b';
  ctx.lineWidth = 2;
  ctx.beginPath();
  losses.forEach((v, i) => (i === 0 ? ctx.moveTo(x(i), y(v)) : ctx.lineTo(x(i), y(v))));
  ctx.stroke();
  ctx.fillStyle = '#222';
  ctx.font = '12px sans-serif';
  ctx.fillText(`step 1: ${losses[0]!.toFixed(3)}`, pad + 4, h - 10);
  const last = `step ${losses.length}: ${losses.at(-1)!.toFixed(3)}`;
  ctx.fillText(last, w - 8 - ctx.measureText(last).width, h - 10);
}
