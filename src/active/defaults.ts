// The queue's defaults, chosen by measurement with bench/label-efficiency.ts (see
// bench/history/2026-12-02-active.md for the runs behind them).
import type { HeadSelection, Strategy } from './types.js';

export const ACTIVE_DEFAULTS: { strategy: Exclude<Strategy, 'random'>; explore: number; heads: HeadSelection } = {
  strategy: 'margin',
  explore: 0.1,
  heads: 'all',
};
