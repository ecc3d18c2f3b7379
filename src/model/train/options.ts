// The trainer's settings: the defaults and, once per run, every option resolved against them, so
// the stages below read one filled-in object instead of `opts.x ?? DEFAULTS.x` each.
import { defaultThreads } from '../predict-pool.js';
import type { HeadSpec, Solver, TrainOptions } from '../types.js';
import type { SelfTrainSettings } from './self-train.js';

// Chosen on fold 0 of the shared topic and Mawqif folds (bench/RESULTS.md, "Model design measurements").
export const DEFAULTS = {
  epochs: 20,
  learningRate: 0.1,
  l2: 1e-3,
  /**
   * Adagrad epochs without a better validation score before stopping. The validation curve is flat
   * within ±0.3 points after epoch 1, so a longer wait mostly chases noise: 5 folds, patience 1 / 2 / 3,
   * topics 90.12 / 90.24 / 90.14, Mawqif 74.34 / 75.25 / 74.26, and 2 takes ~25 % less time than 3
   * (bench/history/2026-12-03b-model.md).
   */
  patience: 2,
  /**
   * Needing a gain of more than 0.005 to count an epoch as better cut topics to 31 s a fold at
   * 90.17, but Mawqif's stance heads lost 0.66 (74.59): their later epochs are real gains.
   */
  minDelta: 0,
  /** Class weight = (n / (k · count))^power: 1 is "balanced", 0 is none. */
  classWeightPower: 0.5,
  featureBlocks: 'joint',
  average: false,
  refit: true,
  minDf: 2,
  /**
   * Topic head: Adagrad softmax/sigmoid plus 8 × the one-vs-rest NB-SVM margins (bench/RESULTS.md,
   * "Model vs peers": 90.17 vs 90.07 NB-SVM alone and 89.42 Adagrad alone, 5-fold); stance heads:
   * Adagrad (an SVM stance head scored 73.81 vs 74.26 on Mawqif).
   */
  solver: 'svm+adagrad',
  stanceSolver: 'adagrad',
  C: 1,
  tolerance: 0.1,
  /** Most SVM passes when `epochs` is not given. */
  svmPasses: 20,
  svmClassWeightPower: 0,
  nbAlpha: 1,
  /** 'svm+adagrad' heads: the SVM margins' weight added to the Adagrad logits. */
  svmWeight: 8,
  /** Margin temperature of an SVM head when no validation split chose one. */
  temperature: 4,
  /**
   * Every head gets a temperature fitted on the validation split: for the Adagrad stance heads it
   * lowered Mawqif's test NLL 0.652 → 0.641 and ECE 0.061 → 0.043 (4 of 5 folds each; decisions,
   * hence F1, unchanged; bench/history/2026-12-02-model.md).
   */
  calibrate: 'all',
  /**
   * Self-training over the unlabeled corpus (self-train.ts): pseudo-labels per label, at most 1,500,
   * one round (topics fold 0: +4.7 macro-F1 at 100 labels, +4.3 at 300, level at 1,000 and at full
   * size; a second round or ratio 10 no better; bench/history/2026-12-03-model.md).
   */
  selfTrainRatio: 5,
  selfTrainMax: 1500,
  selfTrainRounds: 1,
  /**
   * Self-training only while the topic head has fewer labels. On random label subsets it is level
   * with the labels alone from 1,000 on (fold 0: 86.86 vs 86.94) and at full size (90.18 vs 90.14,
   * 5 folds) at 2–3× the time, but on the labels the uncertain queue picks it still adds +2.0 at
   * 1,000 (88.61 vs 86.65, same labels): those labels are the hard cases, the pseudo-labels bring
   * back the typical ones (bench/history/2026-12-03-active.md). Off from 5,000.
   */
  selfTrainUntil: 5000,
} as const satisfies Record<string, unknown> & { solver: Solver; stanceSolver: Solver; calibrate: 'svm' | 'all' };

/** Every knob of one training run, defaults filled in. */
export interface TrainSettings {
  seed: number;
  /** Most Adagrad epochs (early stopping may stop sooner). */
  epochs: number;
  folds: number | undefined;
  validationFraction: number;
  featureBlocks: 'joint' | 'word+char';
  minDf: number;
  adagrad: { learningRate: number; l2: number; patience: number; minDelta: number; classWeightPower: number; average: boolean };
  refit: boolean;
  solver: Solver;
  stanceSolver: Solver;
  svm: { C: number; tolerance: number; maxPasses: number; classWeightPower: number; nbAlpha: number };
  svmWeight: number;
  /** Temperature of a pure SVM head without validation labels. */
  temperature: number;
  /** 'all': pure Adagrad heads get a fitted temperature too. */
  calibrate: 'svm' | 'all';
  selfTrain: SelfTrainSettings;
  /** Threads for the SVM heads' classes, the trainer's own included. */
  threads: number;
}

export function resolveSettings(opts: TrainOptions): TrainSettings {
  return {
    seed: opts.seed,
    epochs: opts.epochs > 0 ? opts.epochs : DEFAULTS.epochs,
    folds: opts.folds !== undefined && opts.folds > 1 ? opts.folds : undefined,
    validationFraction: opts.validationFraction,
    featureBlocks: opts.featureBlocks ?? DEFAULTS.featureBlocks,
    minDf: opts.minDf ?? DEFAULTS.minDf,
    adagrad: {
      learningRate: opts.learningRate ?? DEFAULTS.learningRate,
      l2: opts.l2 ?? DEFAULTS.l2,
      patience: opts.patience ?? DEFAULTS.patience,
      minDelta: opts.minDelta ?? DEFAULTS.minDelta,
      classWeightPower: opts.classWeightPower ?? DEFAULTS.classWeightPower,
      average: opts.average ?? DEFAULTS.average,
    },
    refit: opts.refit ?? DEFAULTS.refit,
    solver: opts.solver ?? DEFAULTS.solver,
    stanceSolver: opts.stanceSolver ?? DEFAULTS.stanceSolver,
    svm: {
      C: opts.C ?? DEFAULTS.C,
      tolerance: opts.tolerance ?? DEFAULTS.tolerance,
      // The SVM heads run to their tolerance; an explicit --epochs caps their passes too.
      maxPasses: opts.epochs > 0 ? opts.epochs : DEFAULTS.svmPasses,
      classWeightPower: opts.classWeightPower ?? DEFAULTS.svmClassWeightPower,
      nbAlpha: opts.nbAlpha ?? DEFAULTS.nbAlpha,
    },
    svmWeight: opts.svmWeight ?? DEFAULTS.svmWeight,
    temperature: opts.temperature ?? DEFAULTS.temperature,
    calibrate: opts.calibrate ?? DEFAULTS.calibrate,
    selfTrain: {
      ratio: opts.selfTrainRatio ?? DEFAULTS.selfTrainRatio,
      max: opts.selfTrainMax ?? DEFAULTS.selfTrainMax,
      rounds: opts.selfTrainRounds ?? DEFAULTS.selfTrainRounds,
      until: opts.selfTrainUntil ?? DEFAULTS.selfTrainUntil,
    },
    threads: opts.threads ?? defaultThreads(),
  };
}

export function solverOf(h: HeadSpec, s: Pick<TrainSettings, 'solver' | 'stanceSolver'>): Solver {
  return h.field === 'topics' ? s.solver : s.stanceSolver;
}
