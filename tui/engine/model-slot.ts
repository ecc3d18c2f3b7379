// The model the screen uses right now: given up front (the uncertain queue needs it to choose),
// loaded after the first frame (loadModel), swapped for a newer one (background training, or a
// model another screen trained), or none. Articles fetched while there was none get their
// suggestion when they are shown.
import type { ConfidenceRanker } from '../../src/labels/queue.js';
import type { ArticleView } from '../../src/labels/session.js';
import type { LoadedModel } from '../../src/model/io.js';
import type { Action, ModelInfo, Suggestion } from '../state/types.js';
import type { Highlighter } from '../view/layout.js';
import { oneLine } from './one-line.js';

/** What the screen uses of a trained model (tui/suggest.ts modelSuggester). */
export interface ModelParts {
  /** The model's suggestion for an article. */
  suggest: (article: ArticleView) => Promise<Suggestion | null>;
  ranker: ConfidenceRanker;
  /** Marks the model's evidence in the article. */
  highlight: Highlighter;
  /** The model itself, when known (the active queue rescoring with it, the header's figures). */
  model?: LoadedModel;
}

export interface ModelSlot {
  get(): Partial<ModelParts>;
  set(parts: ModelParts): void;
  /** Asks for an article's suggestion; it comes back as a `suggestion` action. */
  suggestFor(article: ArticleView): void;
  /** Loads the model after the first frame; the outcome comes back as a `model` action. */
  load(load: () => Promise<ModelParts | null>, afterFrame: () => Promise<void>): void;
}

export function createModelSlot(initial: Partial<ModelParts>, dispatch: (a: Action) => void): ModelSlot {
  let parts: Partial<ModelParts> = initial;
  const slot: ModelSlot = {
    get: () => parts,
    set(p) {
      parts = p;
    },
    suggestFor(article) {
      const suggest = parts.suggest;
      if (suggest === undefined) return;
      void suggest(article).then(
        (suggestion) => {
          if (suggestion !== null) dispatch({ type: 'suggestion', articleId: article.id, suggestion });
        },
        (e: unknown) => dispatch({ type: 'backgroundFailed', job: 'suggestion', message: oneLine(e) }),
      );
    },
    load(load, afterFrame) {
      // After the first frame: reading the model (the weights, the text pipeline) must not hold it up.
      void afterFrame()
        .then(load)
        .then(
          (p) => {
            if (p === null) return dispatch({ type: 'model', status: 'none' });
            parts = p;
            dispatch({ type: 'model', status: 'ready', ...(p.model === undefined ? {} : { info: modelInfo(p.model) }) });
          },
          (e: unknown) => dispatch({ type: 'model', status: 'failed', message: oneLine(e) }),
        );
    },
  };
  return slot;
}

/** The header's figures of a model: its version, how many labels it learned from, validation macro-F1 per head. */
export function modelInfo(m: LoadedModel): ModelInfo {
  const f1: Record<string, number> = {};
  const heads = (m.metadata.metrics as { heads?: Record<string, { macroF1?: unknown }> }).heads;
  for (const [head, v] of Object.entries(heads ?? {})) if (typeof v?.macroF1 === 'number') f1[head] = v.macroF1;
  return { id: m.id, labels: m.metadata.trainingSize, f1 };
}
