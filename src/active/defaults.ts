// The queue's defaults, chosen by measurement with bench/label-efficiency.ts (see
// bench/history/2026-12-02-active.md for the runs behind them).
import type { HeadSelection, Strategy } from './types.js';

export const ACTIVE_DEFAULTS: {
  strategy: Exclude<Strategy, 'random'>;
  explore: number;
  heads: HeadSelection;
  warmup: number;
  retrainEvery: number;
} = {
  strategy: 'margin',
  explore: 0.1,
  heads: 'all',
  /** Labels a model needs before its uncertainty orders the queue (the cold-start sample goes on until then). */
  warmup: 0,
  /** `mizan label --retrain-every`: newly confirmed labels between background trainings. */
  retrainEvery: 25,
};
