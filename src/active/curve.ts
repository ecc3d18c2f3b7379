// "Is labeling more worth it?" (`mizan train --curve`): the trainer on 25/50/75/100 % of the
// labels (nested seeded subsets), every step scored on ONE fixed held-out split, per head. A head
// whose score still climbs over the last steps will likely gain from more labels; one that stopped
// moving is flat; with too few held-out labels no difference is distinguishable from noise.
import { emptyPairs, headReport } from '../model/evaluate.js';
import { TooFewLabelsError } from '../model/errors.js';
import { encodeLabels } from '../model/heads.js';
import { predict } from '../model/predict.js';
import { mulberry32, multiHot, stratifiedSplit, trainModel } from '../model/train.js';
import type { CodebookSpec, TrainOptions, TrainingExample } from '../model/types.js';

export const CURVE_STEPS = [0.25, 0.5, 0.75, 1] as const;
/** Fewer held-out labels for a head than this: its differences are noise. */
export const MIN_HELD_OUT = 30;

export type Verdict = 'rising' | 'flat' | 'too-few';

export interface CurveHead {
  field: string;
  /** Held-out labels of this head. */
  heldOut: number;
  /** 'macro_f1', or 'f1_favor_against' for stance heads with favor and against values. */
  metric: 'macro_f1' | 'f1_favor_against';
  /** Per step: training labels and the held-out score (null: too few labels to train at that step). */
  points: { fraction: number; labels: number; score: number | null }[];
  verdict: Verdict;
}

export interface CurveReport {
  labels: number;
  heldOut: number;
  seed: number;
  heads: CurveHead[];
}

export interface CurveOptions {
  /** Trainer options, as `mizan train` passes them (seed, epochs, validationFraction, …). */
  train: Omit<TrainOptions, 'onEpoch' | 'folds'>;
  /** Share of the labels held out for scoring every step (default 0.2). */
  heldOut?: number;
  onStep?: (s: { fraction: number; labels: number }) => void;
}

export async function learningCurve(examples: readonly TrainingExample[], spec: CodebookSpec, opts: CurveOptions): Promise<CurveReport> {
  const seed = opts.train.seed;
  const rng = mulberry32(seed ^ 0x5eed);
  const strata = examples.map(
    (ex) =>
      `${(ex.topics ?? []).join('|')}#${Object.entries(ex.stance ?? {})
        .sort()
        .join(',')}`,
  );
  const { train, val } = stratifiedSplit(strata, opts.heldOut ?? 0.2, rng);
  // Nested subsets: each step adds labels to the previous one, as labeling more would.
  const order = [...train];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const held = val.map((i) => examples[i]!);
  const heads = new Map<string, CurveHead>();
  for (const fraction of CURVE_STEPS) {
    const n = Math.round(order.length * fraction);
    opts.onStep?.({ fraction, labels: n });
    const subset = order.slice(0, n).map((i) => examples[i]!);
    let scores: Map<string, { score: number; heldOut: number; metric: CurveHead['metric'] }> | null = null;
    try {
      const { model } = await trainModel(subset, spec, opts.train);
      scores = scoreHeads(model, held);
    } catch (e) {
      if (!(e instanceof TooFewLabelsError)) throw e;
    }
    for (const [field, s] of scores ?? []) {
      if (!heads.has(field)) heads.set(field, { field, heldOut: s.heldOut, metric: s.metric, points: [], verdict: 'too-few' });
    }
    for (const h of heads.values()) h.points.push({ fraction, labels: n, score: scores?.get(h.field)?.score ?? null });
  }
  for (const h of heads.values()) {
    // Heads first trained at a later step get null points for the earlier ones.
    while (h.points.length < CURVE_STEPS.length) h.points.unshift({ fraction: CURVE_STEPS[CURVE_STEPS.length - 1 - h.points.length]!, labels: 0, score: null });
    h.points.sort((a, b) => a.fraction - b.fraction);
    h.verdict = verdict(h);
  }
  return { labels: examples.length, heldOut: held.length, seed, heads: [...heads.values()] };
}

/**
 * Rising: the last half of the labels added more than noise (2 standard errors of the score on the
 * held-out size, at least 2 points), or the last quarter more than 1. Flat otherwise.
 */
export function verdict(h: Pick<CurveHead, 'heldOut' | 'points'>): Verdict {
  const s = h.points.map((p) => p.score);
  const [, half, three, all] = s;
  if (h.heldOut < MIN_HELD_OUT || all === null || all === undefined || half === null || half === undefined || three === null || three === undefined)
    return 'too-few';
  const se = Math.sqrt(Math.max(all * (1 - all), 0.01) / h.heldOut);
  if (all - half > Math.max(0.02, 2 * se) || all - three > Math.max(0.01, se)) return 'rising';
  return 'flat';
}

type Model = Awaited<ReturnType<typeof trainModel>>['model'];

function scoreHeads(model: Model, held: readonly TrainingExample[]): Map<string, { score: number; heldOut: number; metric: CurveHead['metric'] }> {
  const pairs = emptyPairs(model.heads);
  const preds = predict(
    model,
    held.map((ex) => ex.text),
  );
  held.forEach((ex, i) => {
    const y = encodeLabels(ex, model.heads);
    const p = preds[i]!;
    model.heads.forEach((h, hi) => {
      const t = y[hi];
      if (t === null || t === undefined) return;
      if (h.field === 'topics') {
        const probs = new Float64Array(h.offset + h.labels.length);
        for (const s of p.topics) probs[h.offset + h.labels.indexOf(s.label)] = s.score;
        if (typeof t === 'number') {
          pairs[hi]!.truth.push(t);
          pairs[hi]!.predicted.push(h.labels.indexOf(p.topics[0]!.label));
        } else {
          pairs[hi]!.truthSets.push(t);
          pairs[hi]!.predictedSets.push(multiHot(h, probs));
        }
      } else {
        pairs[hi]!.truth.push(t as number);
        pairs[hi]!.predicted.push(h.labels.indexOf(p.stance[h.field.slice('stance:'.length)]!.label));
      }
    });
  });
  const out = new Map<string, { score: number; heldOut: number; metric: CurveHead['metric'] }>();
  for (const pr of pairs) {
    if (pr.truth.length + pr.truthSets.length === 0) continue;
    const r = headReport(pr);
    out.set(
      r.field,
      r.meanF1FavorAgainst !== undefined
        ? { score: r.meanF1FavorAgainst, heldOut: r.size, metric: 'f1_favor_against' }
        : { score: r.macroF1, heldOut: r.size, metric: 'macro_f1' },
    );
  }
  return out;
}
