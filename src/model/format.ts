// Terminal rendering of training and evaluation metrics: per head accuracy, macro-F1, per-class
// P/R/F1 and a confusion matrix (rows = truth, columns = prediction); for stance the mean of
// F1(favor) and F1(against). Plain ASCII tables: class keys are codebook keys.
import type { HeadReport, TrainReport } from './types.js';

const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);

export function formatHead(h: HeadReport): string {
  const lines: string[] = [];
  const fa = h.meanF1FavorAgainst === undefined ? '' : `  mean F1(favor, against) ${pct(h.meanF1FavorAgainst)}`;
  lines.push(`${h.field}  (${h.size} examples)  accuracy ${pct(h.accuracy)}  macro-F1 ${pct(h.macroF1)}${fa}`);
  const w = Math.max(5, ...h.labels.map((l) => l.length));
  lines.push(`  ${'class'.padEnd(w)}  prec.  recall    F1  support`);
  for (const c of h.perClass) {
    lines.push(`  ${c.label.padEnd(w)}  ${pct(c.precision)}  ${pct(c.recall)}  ${pct(c.f1)}  ${String(c.support).padStart(7)}`);
  }
  if (h.confusion.length > 0) {
    const cw = Math.max(4, ...h.confusion.flat().map((n) => String(n).length));
    const abbrev = h.labels.map((_, j) => `p${j + 1}`.padStart(cw));
    lines.push(`  confusion (rows: truth, columns: predicted p1…p${h.labels.length} in class order)`);
    lines.push(`  ${''.padEnd(w)}  ${abbrev.join(' ')}`);
    h.confusion.forEach((row, i) => {
      const cells = row.map((n) => (n === 0 ? '.' : String(n)).padStart(cw));
      lines.push(`  ${h.labels[i]!.padEnd(w)}  ${cells.join(' ')}`);
    });
  }
  return lines.join('\n');
}

export function formatTrainReport(r: TrainReport): string {
  const parts: string[] = [];
  const where = r.folds !== undefined ? `out-of-fold predictions of ${r.folds.length}-fold cross-validation` : `validation split`;
  parts.push(
    `trained on ${r.trainingSize} examples; metrics on the ${where} (${r.validationSize} examples); best epoch ${r.bestEpoch}; ${r.seconds.toFixed(1)} s`,
  );
  if (r.unlabeled !== undefined) parts.push(selfTrainingLine(r.unlabeled));
  if (r.topicMacroF1 !== undefined) parts.push(`topics macro-F1 ${pct(r.topicMacroF1)}`);
  if (r.stanceMeanF1 !== undefined) parts.push(`stance mean F1(favor, against), all targets ${pct(r.stanceMeanF1)}`);
  if (r.unseenClasses.length > 0) parts.push(`never seen in training (cannot be predicted): ${r.unseenClasses.join(', ')}`);
  for (const h of r.heads) if (h.size > 0) parts.push('', formatHead(h));
  return parts.join('\n');
}

const SKIPPED: Record<NonNullable<NonNullable<TrainReport['unlabeled']>['skipped']>, string> = {
  off: 'off',
  'enough-labels': 'not used: the topic head has enough labels for it to add little (measured level at full size)',
  'no-topic-head': 'not used: no topic labels (the stance heads learn from labels only)',
};

function selfTrainingLine(u: NonNullable<TrainReport['unlabeled']>): string {
  if (u.skipped !== undefined) return `self-training over ${u.articles} unlabeled articles: ${SKIPPED[u.skipped]}`;
  return `self-training: the topic head also learned from ${u.pseudoLabeled} of ${u.articles} unlabeled articles (pseudo-labeled)`;
}
