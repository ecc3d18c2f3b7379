// The trained model: loaded after the first frame, or none, or failed to load.
import type { Handlers } from '../moves.js';

export const modelHandlers: Pick<Handlers, 'model'> = {
  model(state, action, effects) {
    const cur = state.current;
    if (action.status === 'failed') return { ...state, model: 'failed', message: `no model suggestions: ${action.message ?? 'the model did not load'}` };
    if (action.status === 'none') {
      // No model yet: with retraining on, the header says how many labels the first one needs.
      if (state.training.every > 0) effects.push({ type: 'checkLabels' });
      return { ...state, model: 'none' };
    }
    const s = action.info === undefined ? state : { ...state, training: { ...state.training, info: action.info } };
    if (cur === null || state.loading) return { ...s, model: action.status };
    // The article on screen was shown without the model: ask for its suggestion now. (One still
    // loading gets its suggestion from the runner when it arrives.)
    if (cur.suggestion === null && cur.label.confirmedAt === null) effects.push({ type: 'suggest', article: cur.article });
    return { ...s, model: action.status };
  },
};
