// Background training: started after every `every` newly confirmed labels or on t, the first one as
// soon as the labels allow; a new model swaps in without touching the article on screen.
import type { Effect, State } from '../types.js';
import type { Handlers } from '../moves.js';

/** Starts a training unless one runs; the labels confirmed from now on count toward the next. */
export function startTraining(state: State, effects: Effect[]): State {
  if (state.training.running) return state;
  effects.push({ type: 'train' });
  return { ...state, training: { ...state.training, running: true, since: 0 } };
}

/** After a newly confirmed label: train when `every` are in, or, with no model yet, see whether the labels allow one. */
export function afterConfirmation(state: State, effects: Effect[]): State {
  const t = state.training;
  const s: State = { ...state, training: { ...t, since: t.since + 1 } };
  if (t.every === 0 || t.running) return s;
  // No model yet (a model still loading counts as one: it is not retrained before it is even read).
  if (t.info === null && (state.model === 'none' || state.model === 'failed')) {
    effects.push({ type: 'checkLabels' });
    return s;
  }
  return s.training.since >= t.every ? startTraining(s, effects) : s;
}

export const trainingHandlers: Pick<Handlers, 'trainRequested' | 'labelsMissing' | 'trained' | 'trainFailed'> = {
  trainRequested(state, _action, effects) {
    if (state.training.running) return { ...state, message: 'a model is already training' };
    return { ...startTraining(state, effects), message: 'training a model on all current labels…' };
  },
  labelsMissing(state, action, effects) {
    const s: State = { ...state, training: { ...state.training, missing: action.count } };
    if (
      action.count > 0 ||
      state.training.every === 0 ||
      state.training.info !== null ||
      state.model === 'loading' ||
      state.model === 'ready' ||
      state.quitting
    )
      return s;
    return startTraining(s, effects);
  },
  trained(state, action, effects) {
    const t = state.training;
    let s: State = {
      ...state,
      model: 'ready',
      training: { ...t, running: action.elsewhere === true ? t.running : false, missing: null, info: action.info },
      message: `model ${action.info.id} in use (${action.elsewhere === true ? 'trained by another screen' : `trained on ${action.info.labels} labels`})`,
    };
    if (state.quitting) return s;
    // The article on screen keeps what it shows; one still without a suggestion gets the new
    // model's (not pre-selected if the annotator has changed the label: see `suggestion`).
    const cur = s.current;
    if (cur !== null && !s.loading && cur.suggestion === null && cur.label.confirmedAt === null) effects.push({ type: 'suggest', article: cur.article });
    // Labels confirmed while it trained may already call for the next one.
    if (action.elsewhere !== true && t.every > 0 && s.training.since >= t.every) s = startTraining(s, effects);
    return s;
  },
  trainFailed(state, action) {
    const message =
      action.busy === true ? 'another screen is training a model on this database; it will be used here when ready' : `training failed: ${action.message}`;
    return { ...state, training: { ...state.training, running: false }, message };
  },
};
