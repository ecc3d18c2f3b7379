// A small terminal chart of score curves: x = the steps (equally spaced, e.g. label budgets),
// y = a score in [lo, hi]; one marker per series, a legend below. Plain ASCII so it survives logs.
export interface Series {
  name: string;
  /** One value per step (NaN: no point). */
  values: readonly number[];
}

const MARKERS = ['*', 'o', '+', 'x', '#', '@', '%', '&'];

export function lineChart(steps: readonly (string | number)[], series: readonly Series[], opts: { height?: number; colWidth?: number } = {}): string {
  const height = opts.height ?? 10;
  const col = opts.colWidth ?? Math.max(6, ...steps.map((s) => String(s).length + 2));
  const all = series.flatMap((s) => s.values.filter((v) => Number.isFinite(v)));
  if (all.length === 0) return '(no points)';
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi - lo < 0.01) [lo, hi] = [lo - 0.005, hi + 0.005];
  const grid = Array.from({ length: height }, () => new Array<string>(steps.length * col).fill(' '));
  series.forEach((s, k) => {
    s.values.forEach((v, x) => {
      if (!Number.isFinite(v)) return;
      const y = height - 1 - Math.round(((v - lo) / (hi - lo)) * (height - 1));
      const at = x * col + Math.floor(col / 2);
      const row = grid[y]!;
      row[at] = row[at] === ' ' ? MARKERS[k % MARKERS.length]! : '=';
    });
  });
  const label = (y: number) => (hi - ((hi - lo) * y) / (height - 1)).toFixed(3).padStart(6);
  const lines = grid.map((row, y) => `${y === 0 || y === height - 1 || y === Math.floor(height / 2) ? label(y) : ' '.repeat(6)} |${row.join('').trimEnd()}`);
  lines.push(`${' '.repeat(6)} +${'-'.repeat(steps.length * col)}`);
  lines.push(
    `${' '.repeat(8)}${steps
      .map((s) =>
        String(s)
          .padStart(Math.floor(col / 2) + Math.ceil(String(s).length / 2))
          .padEnd(col),
      )
      .join('')}`.trimEnd(),
  );
  lines.push(`${' '.repeat(8)}${series.map((s, k) => `${MARKERS[k % MARKERS.length]} ${s.name}`).join('   ')}${series.length > 1 ? '   (= overlap)' : ''}`);
  return lines.join('\n');
}
