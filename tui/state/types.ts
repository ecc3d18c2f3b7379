// The labeling screen's state, the actions that change it and the effects it asks for. The reducer
// (reducer.ts) is pure: keys become actions, actions become a new state plus effects, and the effect
// runner (tui/runner.ts) turns effects into engine calls whose results come back as actions.
import type { RtlMode } from '../../src/display/mode.js';
import type { LabelValue } from '../../src/labels/edit.js';
import type { QueueCounts, QueueName } from '../../src/labels/queue.js';
import type { ArticleView } from '../../src/labels/session.js';
import type { FeatureKind } from '../../src/text/types.js';

export interface CodebookView {
  version: number;
  multiLabel: boolean;
  topics: { key: string; name: string; hotkey: string; description?: string; guidelines?: string }[];
  targets: { key: string; name: string; description?: string; guidelines?: string }[];
  values: { key: string; name: string; hotkey: string; description?: string }[];
}

/** A model's suggestion for the article on screen, pre-selected until the annotator overrides it. */
export interface Suggestion {
  /** Topics the model proposes (score ≥ its threshold), with their confidence. */
  topics: { key: string; score: number }[];
  /** Target → proposed value and confidence. */
  stance: Record<string, { value: string; score: number }>;
  /** Terms behind the prediction (feature term and kind), highlighted in the text. */
  evidence: { term: string; kind: FeatureKind }[];
  /** Model version id, shown in the header. */
  model: string;
}

/** Another annotator's confirmed choice, shown in the disagreements queue. */
export interface OtherChoice {
  annotator: string;
  /** Null when that label did not judge topics. */
  topics: string[] | null;
  stance: Record<string, string>;
}

export interface Current {
  article: ArticleView;
  label: LabelValue;
  suggestion: Suggestion | null;
  /** The annotators' choices being adjudicated (disagreements queue; empty elsewhere). */
  others: OtherChoice[];
  /** The annotator changed topics on this article: the model's topic suggestion no longer applies. */
  topicsTouched: boolean;
  /**
   * The annotator changed this label since it was shown: a suggestion that arrives now (the model
   * loads after the first frame) is not pre-selected, so Enter cannot accept values never seen.
   */
  edited: boolean;
  /** Its near-copy group (syndicated copies found at import): copies, and those this editor has not labeled. */
  nearCopies: NearCopyCount;
}

export interface NearCopyCount {
  copies: number;
  unlabeled: number;
}

/**
 * The trained model, which loads after the first frame: `loading` until then, `none` without a
 * trained model, `failed` when it could not be read (labeling goes on without suggestions).
 */
/** A trained model as the header describes it. */
export interface ModelInfo {
  id: string;
  /** Labels it was trained on. */
  labels: number;
  /** Validation macro-F1 per head (`topics`, `stance:<target>`), 0–1; empty when nothing was held out. */
  f1: Record<string, number>;
}

export type ModelStatus = 'none' | 'loading' | 'ready' | 'failed';

export type Overlay = { kind: 'help' } | { kind: 'guidelines' } | { kind: 'note'; text: string } | { kind: 'search'; text: string };

/** One change made in this session, for local undo. */
export interface UndoEntry {
  articleId: string;
  field: string;
  before: string | null;
  after: string | null;
}

/** The screen's background jobs, as named on the status line when one fails. */
export type BackgroundJob = 'counts' | 'suggestion' | 'training' | 'model update' | 'queue ranking';

/** Background training in the screen (`--retrain-every`, the key t) and the model it last gave. */
export interface TrainingState {
  /** Train after this many newly confirmed labels (0: only on t). */
  every: number;
  running: boolean;
  /** Labels confirmed this session since the last training started. */
  since: number;
  /** With no model yet: labels the trainer still needs (null: not known yet). */
  missing: number | null;
  /** The model in use, as the header describes it. */
  info: ModelInfo | null;
}

export interface State {
  codebook: CodebookView;
  annotator: string;
  queue: QueueName;
  filter: string | null;
  rtl: { mode: RtlMode; reason: string };
  model: ModelStatus;
  /** The last learning-curve verdict ("curve @812: topics still rising"), null when none was computed. */
  curve: string | null;
  training: TrainingState;
  current: Current | null;
  /** Waiting for the engine to hand over an article. */
  loading: boolean;
  /** The queue has nothing (more) to label. */
  empty: boolean;
  /** Articles visited this session, in order; `[` and `]` move through it. */
  trail: string[];
  pos: number;
  /** Index of the stance target the value keys apply to. */
  focus: number;
  scroll: number;
  overlay: Overlay | null;
  undo: UndoEntry[];
  /** Writes sent to the engine and not yet committed ("saving…" until 0). */
  pendingWrites: number;
  saveError: string | null;
  counts: QueueCounts | null;
  /** Articles confirmed this session, and when it started (ms), for the rate. */
  sessionDone: number;
  startedAt: number;
  message: string | null;
  quitting: boolean;
  /** Label keys pressed while the next article was loading; replayed on it once it is shown. */
  deferred: Action[];
}

export type Action =
  | {
      type: 'loaded';
      article: ArticleView;
      label: LabelValue;
      suggestion: Suggestion | null;
      via: 'queue' | 'trail';
      others?: OtherChoice[];
      nearCopies?: NearCopyCount;
    }
  | { type: 'queueEmpty' }
  /** The model finished loading (or there is none, or it failed: the message says why). */
  | { type: 'model'; status: Exclude<ModelStatus, 'loading'>; message?: string; info?: ModelInfo }
  /** The model's suggestion for an article, computed after it was shown: applies only if it is still on screen. */
  | { type: 'suggestion'; articleId: string; suggestion: Suggestion }
  | { type: 'toggleTopic'; key: string }
  | { type: 'setStance'; value: string }
  | { type: 'focus'; delta: number }
  /** Enter; with `toCopies` (the key c) the confirmed label also goes to the unlabeled near-copies. */
  | { type: 'confirm'; at: string; toCopies?: boolean }
  /** The label went to this many near-copies (each its own label and events). */
  | { type: 'propagated'; count: number }
  | { type: 'skip' }
  | { type: 'undo' }
  | { type: 'undone'; articleId: string | null; label: LabelValue | null }
  | { type: 'back' }
  | { type: 'forward' }
  | { type: 'scroll'; delta: number; max: number }
  | { type: 'openOverlay'; overlay: 'help' | 'guidelines' | 'note' | 'search' }
  | { type: 'closeOverlay' }
  | { type: 'input'; text: string }
  | { type: 'backspace' }
  | { type: 'submit' }
  | { type: 'toggleRtl' }
  | { type: 'saved' }
  | { type: 'saveFailed'; message: string }
  /** A read failed (e.g. the database went away): shown, and loading ends. */
  | { type: 'failed'; message: string }
  /** Work that only prepares for later failed (counts, a suggestion, a training): one line on the status line. */
  | { type: 'backgroundFailed'; job: BackgroundJob; message: string }
  | { type: 'counts'; counts: QueueCounts }
  /** The key t: train a model now. */
  | { type: 'trainRequested' }
  /** With no model yet: how many more labels the trainer needs (0: enough to train). */
  | { type: 'labelsMissing'; count: number }
  /**
   * A new model is in use: trained here, or by another screen on this database (`elsewhere`), which
   * moved models/latest. The article on screen keeps its label and any suggestion it has.
   */
  | { type: 'trained'; info: ModelInfo; elsewhere?: boolean }
  /** The background training failed (or another process is training: `busy`); labeling goes on. */
  | { type: 'trainFailed'; message: string; busy?: boolean }
  | { type: 'quit' };

export type Effect =
  | { type: 'write'; articleId: string; field: string; after: string | null }
  | { type: 'undo' }
  /** The next article of the queue after `after`, skipping `exclude`. */
  | { type: 'next'; after: string | null; exclude: string[]; filter: string | null }
  /** Show this article again (session trail, or where an undo happened). */
  | { type: 'open'; articleId: string }
  | { type: 'counts'; filter: string | null }
  | { type: 'rtl'; mode: RtlMode }
  /** Ask the model (now loaded) for the suggestion of the article on screen. */
  | { type: 'suggest'; article: ArticleView }
  /** Apply the article's confirmed label to its unlabeled near-copies (after the writes before it commit). */
  | { type: 'propagate'; articleId: string }
  /** Train a model in the background on all current labels (after the writes before it commit). */
  | { type: 'train' }
  /** Count the labels the trainer still needs for a first model (a `labelsMissing` action). */
  | { type: 'checkLabels' }
  | { type: 'quit' };

export interface Step {
  state: State;
  effects: Effect[];
}
