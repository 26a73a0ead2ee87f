/**
 * Draws attention weights (rows: output pieces, columns: source pieces) as a heat map with labels,
 * darker = more attention, like `translate predict --attention-png`.
 */
export function drawAttention(canvas: HTMLCanvasElement, attention: readonly (readonly number[])[], rowLabels: readonly string[], colLabels: readonly string[]): void {
  const cell = 28;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.font = '12px sans-serif';
  const left = Math.ceil(Math.max(40, ...rowLabels.map((l) => ctx.measureText(l).width))) + 8;
  const top = Math.ceil(Math.max(40, ...colLabels.map((l) => ctx.measureText(l).width))) + 8;
  const cols = colLabels.length;
  const rows = attention.length;
  canvas.width = left + cols * cell + 4;
  canvas.height = top + rows * cell + 4;
  ctx.font = '12px sans-serif';
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const w = attention[r]?.[c] ?? 0;
      const shade = Math.round(255 * (1 - w));
      ctx.fillStyle = `rgb(${shade},${shade},${Math.round(255 - 120 * w)})`;
      ctx.fillRect(left + c * cell, top + r * cell, cell - 1, cell - 1);
    }
  }
  ctx.fillStyle = '#222';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  rowLabels.slice(0, rows).forEach((l, r) => ctx.fillText(l, left - 6, top + r * cell + cell / 2));
  colLabels.forEach((l, c) => {
    ctx.save();
    ctx.translate(left + c * cell + cell / 2, top - 6);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'left';
    ctx.fillText(l, 0, 0);
    ctx.restore();
  });
}
