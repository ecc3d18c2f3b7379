// The engine's contract with the CLI, the HTTP server and the TUI; nothing here knows about the database.
import type { PipelineConfig } from '../text/types.js';
import type { HeadConfusion } from './io.js';

/** Names and aliases let classify/eval match a file's "Covid Vaccine" or "Favor" to codebook keys. */
export interface NamedEntry {
  key: string;
  name?: string;
  aliases?: string[];
}

export interface CodebookSpec {
  version: number;
  topics: ({ key: string } & Partial<NamedEntry>)[];
  multiLabel: boolean;
  /** `values` include e.g. 'not_addressed'. */
  targets: ({ key: string; values: string[] } & Partial<NamedEntry>)[];
  /** Names and aliases of the stance values (keys as in `targets[].values`). */
  values?: NamedEntry[];
}

/** A missing `topics` or a target missing from `stance` is masked out of that head's loss. */
export interface TrainingExample {
  id: string;
  text: string;
  topics?: string[];
  stance?: Record<string, string>;
  /**
   * Near-duplicate group (Article.nearDupGroup): the validation split and the folds keep every
   * example of a group on the same side, so a copy of a held-out article never trains the model.
   */
  group?: string;
}

export interface EpochReport {
  epoch: number;
  loss: number;
  validationMacroF1: number;
  /** Set during --folds runs. */
  fold?: number;
  /** Set for the final fit on all examples (no validation score). */
  refit?: boolean;
  /** Set for the fit after self-training added pseudo-labeled articles. */
  selfTraining?: boolean;
}

export type Solver = 'svm' | 'adagrad' | 'svm+adagrad';

export interface TrainOptions {
  seed: number;
  epochs: number;
  folds?: number;
  validationFraction: number;
  hashBits?: number;
  backend?: 'node' | 'wasm' | 'cpu';
  learningRate?: number;
  /** L2 penalty applied to the rows a document touches (lazy regularization). */
  l2?: number;
  /** Epochs without a better validation score before stopping. */
  patience?: number;
  /** An epoch counts as better only when its validation score beats the best by more than this. */
  minDelta?: number;
  /** Pipeline overrides (e.g. hash bits); the default pipeline otherwise. */
  pipeline?: PipelineConfig;
  /** 'joint' (default): one tf-idf vector; 'word+char': word and char n-gram blocks normalized separately. */
  featureBlocks?: 'joint' | 'word+char';
  /** Averaged SGD: predict with the mean of the weights over all steps (default true). */
  average?: boolean;
  /** Feature buckets in fewer training documents get no weight (default 2). */
  minDf?: number;
  /** Class weight (n / (k · count))^power per head: 1 balanced, 0 none (default 0.5). */
  classWeightPower?: number;
  /** After early stopping on the validation split, refit on every example for the best epoch count (default true). */
  refit?: boolean;
  /**
   * Trainer of the topic head: 'svm' = one-vs-rest L2-loss linear SVM by dual coordinate descent
   * (svm.ts), 'adagrad' = softmax/sigmoid regression by sparse Adagrad (sgd.ts), 'svm+adagrad' = the
   * sum of both models' scores. See DEFAULTS.
   */
  solver?: Solver;
  /** Trainer of the stance heads (same choices). */
  stanceSolver?: Solver;
  /** SVM: misclassification cost C. */
  C?: number;
  /** SVM: stop when the projected-gradient spread falls under this; `epochs` caps the passes. */
  tolerance?: number;
  /** SVM: naive-Bayes feature scaling smoothing α (0: plain SVM). */
  nbAlpha?: number;
  /** 'svm+adagrad': weight of the SVM margins added to the Adagrad logits. */
  svmWeight?: number;
  /** 'svm' heads: temperature of the margins when no validation split can choose it ('svm+adagrad' heads use 1). */
  temperature?: number;
  /**
   * Which heads get a temperature fitted on the validation split: 'all' (default) every head,
   * 'svm' only those with SVM margins. Moves scores, never decisions.
   */
  calibrate?: 'svm' | 'all';
  /**
   * Texts of the corpus's unlabeled articles: their documents join the idf, and the topic head
   * self-trains on the most confident of them (train/self-train.ts). None: labels alone.
   */
  unlabeled?: readonly string[];
  /** Self-training: pseudo-labeled articles per labeled one (0: off). */
  selfTrainRatio?: number;
  /** Self-training: most pseudo-labeled articles in all. */
  selfTrainMax?: number;
  /** Self-training rounds. */
  selfTrainRounds?: number;
  /** Self-training only while the topic head has fewer labeled examples than this. */
  selfTrainUntil?: number;
  /**
   * Threads for the SVM heads (one class per job; default one per core, at most 8). The model is
   * the same for any number.
   */
  threads?: number;
  onEpoch?: (e: EpochReport) => void;
}

export interface Prediction {
  topics: { label: string; score: number }[];
  stance: Record<string, { label: string; score: number; scores: Record<string, number> }>;
  evidence?: { term: string; weight: number; field: string }[];
}

/** One output head of the multi-task model: its columns are `offset … offset + labels.length - 1`. */
export interface HeadSpec {
  /** 'topics' or `stance:<targetKey>` (also the `field` of evidence). */
  field: string;
  kind: 'softmax' | 'sigmoid';
  labels: string[];
  offset: number;
}

/** Metrics of one head on held-out data. */
export interface HeadReport {
  field: string;
  size: number;
  accuracy: number;
  macroF1: number;
  perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
  confusion: number[][];
  labels: string[];
  /** Stance heads with favor and against values: the mean of their F1s. */
  meanF1FavorAgainst?: number;
}

export interface TrainReport {
  trainingSize: number;
  validationSize: number;
  epochs: EpochReport[];
  bestEpoch: number;
  heads: HeadReport[];
  /** Topic head macro-F1 (validation), when topics were trained. */
  topicMacroF1?: number;
  /** Mean F1(favor, against) pooled over all stance targets (validation), when stance was trained. */
  stanceMeanF1?: number;
  /** Classes of trained heads without a single training example (never predicted). */
  unseenClasses: string[];
  /**
   * Held-out confusion counts per head field (out-of-fold with --folds); absent without validation.
   * Copied into metadata.json (see ModelMetadata.validationConfusion).
   */
  validationConfusion?: Record<string, HeadConfusion>;
  /** With --folds: the per-fold validation reports; the returned model is then fitted on all data. */
  folds?: Omit<TrainReport, 'folds'>[];
  /** With unlabeled articles: how many there were, and how many the delivered model's self-training pseudo-labeled. */
  unlabeled?: { articles: number; pseudoLabeled: number; skipped?: 'off' | 'enough-labels' | 'no-topic-head' };
  seconds: number;
}
