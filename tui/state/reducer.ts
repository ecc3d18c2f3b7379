// The labeling screen as a pure function: (state, action) → (state, effects). No I/O, no clock
// (times arrive inside actions), so every behaviour is tested without rendering or a database.
// Each area's actions have their handlers in handlers/.
import { articleHandlers } from './handlers/article.js';
import { editHandlers } from './handlers/edit.js';
import { engineHandlers } from './handlers/engine.js';
import { historyHandlers } from './handlers/history.js';
import { modelHandlers } from './handlers/model.js';
import { overlayHandlers } from './handlers/overlay.js';
import { trainingHandlers } from './handlers/training.js';
import type { Handler, Handlers } from './moves.js';
import type { Action, Effect, State, Step } from './types.js';

export { focusedTarget, shownStance, shownTopics } from './selectors.js';

const HANDLERS: Handlers = {
  ...articleHandlers,
  ...modelHandlers,
  ...editHandlers,
  ...historyHandlers,
  ...overlayHandlers,
  ...engineHandlers,
  ...trainingHandlers,
};

export function step(state: State, action: Action): Step {
  const effects: Effect[] = [];
  const next = reduce(state, action, effects);
  return { state: next, effects };
}

/** Convenience for callers that only want the state (tests of pure transitions). */
export function reducer(state: State, action: Action): State {
  return step(state, action).state;
}

/** Label keys pressed while the next article loads: kept, and replayed on it once it is shown. */
const TYPE_AHEAD: ReadonlySet<Action['type']> = new Set(['toggleTopic', 'setStance', 'confirm', 'skip']);

function reduce(state: State, action: Action, effects: Effect[]): State {
  if (state.loading && !state.empty && TYPE_AHEAD.has(action.type)) return { ...state, deferred: [...state.deferred, action] };
  const handler = HANDLERS[action.type] as Handler<Action>;
  return handler(state, action, effects, reduce);
}
