// The engine's contract with the CLI, the HTTP server and the TUI; nothing here knows about the database.

export interface CodebookSpec {
  version: number;
  topics: { key: string }[];
  multiLabel: boolean;
  /** `values` include e.g. 'not_addressed'. */
  targets: { key: string; values: string[] }[];
}

/** A missing `topics` or a target missing from `stance` is masked out of that head's loss. */
export interface TrainingExample {
  id: string;
  text: string;
  topics?: string[];
  stance?: Record<string, string>;
}

export interface EpochReport {
  epoch: number;
  loss: number;
  validationMacroF1: number;
}

export interface TrainOptions {
  seed: number;
  epochs: number;
  folds?: number;
  validationFraction: number;
  hashBits?: number;
  backend?: 'node' | 'wasm' | 'cpu';
  learningRate?: number;
  onEpoch?: (e: EpochReport) => void;
}

export interface Prediction {
  topics: { label: string; score: number }[];
  stance: Record<string, { label: string; score: number; scores: Record<string, number> }>;
  evidence?: { term: string; weight: number; field: string }[];
}
