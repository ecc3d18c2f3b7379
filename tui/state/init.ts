import type { RtlMode } from '../../src/display/mode.js';
import type { CodebookVersionInfo } from '../../src/codebook/types.js';
import type { QueueName } from '../../src/labels/queue.js';
import type { CodebookView, ModelStatus, State } from './types.js';

export function codebookView(cb: CodebookVersionInfo): CodebookView {
  return {
    version: cb.version,
    multiLabel: cb.multiLabel,
    topics: cb.topics.map((t) => ({ ...t })),
    targets: cb.targets.map(({ aliases: _aliases, ...t }) => ({ ...t })),
    values: cb.values.map(({ aliases: _aliases, ...v }) => ({ ...v })),
  };
}

export interface InitOptions {
  codebook: CodebookView;
  annotator: string;
  queue: QueueName;
  filter: string | null;
  rtl: { mode: RtlMode; reason: string };
  startedAt: number;
  /** `loading` when the model loads after the first frame (default `none`). */
  model?: ModelStatus;
  /** `--retrain-every` (default 0: only the key t trains). */
  retrainEvery?: number;
  /** The last `mizan train --curve` verdict in a few words (src/active/curve-store.ts). */
  curve?: string | null;
}

/** The state before the first article arrives (loading). */
export function initialState(o: InitOptions): State {
  return {
    codebook: o.codebook,
    annotator: o.annotator,
    queue: o.queue,
    filter: o.filter,
    rtl: o.rtl,
    model: o.model ?? 'none',
    curve: o.curve ?? null,
    training: { every: o.retrainEvery ?? 0, running: false, since: 0, missing: null, info: null },
    current: null,
    loading: true,
    empty: false,
    trail: [],
    pos: 0,
    focus: 0,
    scroll: 0,
    overlay: null,
    undo: [],
    pendingWrites: 0,
    saveError: null,
    counts: null,
    sessionDone: 0,
    startedAt: o.startedAt,
    message: null,
    quitting: false,
    deferred: [],
  };
}
