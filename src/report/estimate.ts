// Shares of a group's articles per value, corrected for the classifier's known errors.
//
// Adjusted classify-and-count (ACC; Forman 2008, "Quantifying counts and costs via classification";
// Saerens, Latinne & Decaestecker 2002 for the prior-shift assumption it rests on): the validation
// confusion matrix estimates P(predicted j | true i); the predicted shares q of a group are then
// q = Mᵀπ, and π (the true shares) is the least-squares solution on the simplex (active-set.ts). Multi-label heads
// are one binary problem per value: π = (q − fpr) / (tpr − fpr), clipped to [0, 1].
//
// Confirmed human labels count as themselves; the model covers only the other articles. The 95 %
// interval is a percentile bootstrap over both sources of error: the group's predicted articles
// (a multinomial resample of their predicted counts, which is what resampling the articles does to
// a count-based estimator) and the validation errors (each true class's row of the confusion
// matrix resampled with its own size).
import type { HeadConfusion } from '../model/io.js';
import type { Rng } from './random.js';
import { binomial, multinomial } from './random.js';
import { MultinomialDraws } from './multinomial-draws.js';
import type { AffineReplicates } from './affine.js';
import { quantileOf } from './quantiles.js';
import { simplexLeastSquares } from './active-set.js';

export type { HeadConfusion };

export type Method = 'cc' | 'acc' | 'labeled' | 'labeled+cc' | 'labeled+acc';

export interface GroupCounts {
  /** Per value: articles the model assigned that value (multi-label: articles with that value among their chosen ones). */
  predicted: number[];
  /** Articles the model covers. */
  predictedArticles: number;
  /** Per value: articles whose confirmed human label has that value. */
  labeled: number[];
  labeledArticles: number;
}

export interface ValueEstimate {
  value: string;
  /** Articles counted with this value: human labels plus the model's raw predictions. */
  count: number;
  share: number;
  low: number;
  high: number;
  method: Method;
}

export interface EstimateOptions {
  values: string[];
  multiLabel: boolean;
  /** Null: plain classify-and-count (--raw, or a model without validation counts). */
  confusion: HeadConfusion | null;
  /** Bootstrap replicates (default 1000). */
  replicates?: number;
  /**
   * The validation counts already resampled, one per replicate (resampledConfusions): a report
   * shares them between its groups, as the groups share the one validation split they come from.
   */
  confusionReplicates?: readonly HeadConfusion[] | null;
  /** The same replicates as solvers (affineReplicates): single-label bootstrap in typed arrays. */
  affineReplicates?: AffineReplicates | null;
  rng: Rng;
}

/** Below this tpr − fpr a binary head's correction is too unstable to apply: the raw share stands. */
const MIN_YOUDEN = 0.1;

export function estimateGroup(counts: GroupCounts, opts: EstimateOptions): ValueEstimate[] {
  const k = opts.values.length;
  const n = counts.predictedArticles + counts.labeledArticles;
  const B = opts.replicates ?? 1000;
  const corrected = opts.confusion !== null && counts.predictedArticles > 0;
  const modelShares = (predicted: readonly number[], confusion: HeadConfusion | null): { shares: number[]; adjusted: boolean[] } =>
    counts.predictedArticles === 0
      ? { shares: new Array<number>(k).fill(0), adjusted: new Array<boolean>(k).fill(false) }
      : opts.multiLabel
        ? binaryShares(predicted, counts.predictedArticles, confusion)
        : singleShares(predicted, counts.predictedArticles, confusion);

  const point = modelShares(counts.predicted, opts.confusion);
  const combine = (shares: readonly number[], i: number) => (n === 0 ? 0 : (counts.labeled[i]! + counts.predictedArticles * shares[i]!) / n);

  const draws: Float64Array[] = Array.from({ length: k }, () => new Float64Array(B));
  const affine = corrected && !opts.multiLabel ? (opts.affineReplicates ?? null) : null;
  if (affine !== null && counts.predictedArticles > 0) {
    const q = counts.predicted.map((c) => c / counts.predictedArticles);
    const drawn = new Float64Array(k);
    const sampler = new MultinomialDraws(q);
    for (let b = 0; b < B; b++) {
      sampler.drawInto(counts.predictedArticles, opts.rng, drawn);
      const shares = affine.solve(b, drawn);
      for (let i = 0; i < k; i++) draws[i]![b] = combine(shares, i);
    }
  } else if (counts.predictedArticles > 0) {
    const q = counts.predicted.map((c) => c / counts.predictedArticles);
    for (let b = 0; b < B; b++) {
      const predicted = opts.multiLabel ? q.map((p) => binomial(counts.predictedArticles, p, opts.rng)) : multinomial(counts.predictedArticles, q, opts.rng);
      const confusion = !corrected ? null : (opts.confusionReplicates?.[b] ?? resampleConfusion(opts.confusion!, opts.rng));
      const { shares } = modelShares(predicted, confusion);
      for (let i = 0; i < k; i++) draws[i]![b] = combine(shares, i);
    }
  }

  return opts.values.map((value, i) => {
    const share = combine(point.shares, i);
    let low = share;
    let high = share;
    if (counts.predictedArticles > 0) {
      low = Math.min(share, quantileOf(draws[i]!, 0.025));
      high = Math.max(share, quantileOf(draws[i]!, 0.975));
    }
    const model: Method = point.adjusted[i] ? 'acc' : 'cc';
    const method: Method = counts.predictedArticles === 0 ? 'labeled' : counts.labeledArticles === 0 ? model : `labeled+${model}`;
    return { value, count: counts.labeled[i]! + counts.predicted[i]!, share, low, high, method };
  });
}

const rates = new WeakMap<readonly number[][], number[][]>();

/** M[i][j] = P(predicted j | true i); a class validation never saw is taken at face value. */
export function rowRates(matrix: readonly number[][]): number[][] {
  let M = rates.get(matrix);
  if (M === undefined) {
    M = matrix.map((row, i) => {
      const s = row.reduce((a, b) => a + b, 0);
      return s > 0 ? row.map((c) => c / s) : row.map((_, j) => (i === j ? 1 : 0));
    });
    rates.set(matrix, M);
  }
  return M;
}

function singleShares(predicted: readonly number[], total: number, confusion: HeadConfusion | null): { shares: number[]; adjusted: boolean[] } {
  const q = predicted.map((c) => c / total);
  if (confusion === null || confusion.matrix === undefined) return { shares: q, adjusted: q.map(() => false) };
  return { shares: simplexLeastSquares(rowRates(confusion.matrix), q), adjusted: q.map(() => true) };
}

/** `replicates` resamples of the validation counts (see EstimateOptions.confusionReplicates). */
export function resampledConfusions(c: HeadConfusion, replicates: number, rng: Rng): HeadConfusion[] {
  return Array.from({ length: replicates }, () => resampleConfusion(c, rng));
}

function binaryShares(predicted: readonly number[], total: number, confusion: HeadConfusion | null): { shares: number[]; adjusted: boolean[] } {
  const shares: number[] = [];
  const adjusted: boolean[] = [];
  predicted.forEach((c, i) => {
    const q = c / total;
    const cell = confusion?.binary?.[i];
    if (cell === undefined) {
      shares.push(q);
      adjusted.push(false);
      return;
    }
    const [[tn, fp], [fn, tp]] = cell;
    const tpr = tp + fn > 0 ? tp / (tp + fn) : 1;
    const fpr = fp + tn > 0 ? fp / (fp + tn) : 0;
    if (tpr - fpr < MIN_YOUDEN) {
      shares.push(q);
      adjusted.push(false);
      return;
    }
    shares.push(Math.min(1, Math.max(0, (q - fpr) / (tpr - fpr))));
    adjusted.push(true);
  });
  return { shares, adjusted };
}

/** The validation confusion counts drawn again: each true class's row a multinomial of its own size. */
export function resampleConfusion(c: HeadConfusion, rng: Rng): HeadConfusion {
  if (c.matrix !== undefined) {
    return {
      ...c,
      matrix: c.matrix.map((row) => {
        const s = row.reduce((a, b) => a + b, 0);
        return s > 0
          ? multinomial(
              s,
              row.map((x) => x / s),
              rng,
            )
          : row.slice();
      }),
    };
  }
  if (c.binary !== undefined) {
    return {
      ...c,
      binary: c.binary.map(([[tn, fp], [fn, tp]]) => {
        const neg = tn + fp;
        const pos = fn + tp;
        const fp2 = binomial(neg, neg > 0 ? fp / neg : 0, rng);
        const tp2 = binomial(pos, pos > 0 ? tp / pos : 0, rng);
        return [
          [neg - fp2, fp2],
          [pos - tp2, tp2],
        ] as [[number, number], [number, number]];
      }),
    };
  }
  return c;
}
