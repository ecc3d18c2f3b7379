// `mizan train --curve` as text: per head, the held-out score at each step, a chart, a verdict.
import { lineChart } from './chart.js';
import type { CurveReport, Verdict } from './curve.js';

const SAYS: Record<Verdict, string> = {
  rising: 'still rising: more labels will likely help',
  flat: 'flat: more labels of the same kind are unlikely to help much',
  'too-few': 'too few labels to tell',
};

export function formatCurve(r: CurveReport): string {
  const out: string[] = [`learning curve: ${r.labels} labels, ${r.heldOut} held out (seed ${r.seed}); the rest trained at 25/50/75/100 %`];
  if (r.heads.length === 0) out.push('', `no head could be trained at any step: ${SAYS['too-few']}`);
  for (const h of r.heads) {
    out.push('', `${h.field} (${h.metric === 'macro_f1' ? 'macro-F1' : 'F1(favor, against)'}, ${h.heldOut} held out)`);
    out.push(`  labels  ${h.points.map((p) => String(p.labels).padStart(7)).join('')}`);
    out.push(`  score   ${h.points.map((p) => (p.score === null ? '-' : (100 * p.score).toFixed(1)).padStart(7)).join('')}`);
    if (h.points.some((p) => p.score !== null)) {
      out.push(
        lineChart(
          h.points.map((p) => `${Math.round(p.fraction * 100)}%`),
          [{ name: h.field, values: h.points.map((p) => p.score ?? NaN) }],
          { height: 6 },
        )
          .split('\n')
          .map((l) => `  ${l}`)
          .join('\n'),
      );
    }
    out.push(`  verdict: ${SAYS[h.verdict]}`);
  }
  return out.join('\n');
}
