// What the engine reports back: writes committed or failed, reads failed, counts, background jobs failing.
import type { Handlers } from '../moves.js';

export const engineHandlers: Pick<Handlers, 'saved' | 'saveFailed' | 'failed' | 'counts' | 'backgroundFailed'> = {
  saved: (state) => ({ ...state, pendingWrites: Math.max(0, state.pendingWrites - 1) }),
  saveFailed: (state, action) => ({ ...state, pendingWrites: Math.max(0, state.pendingWrites - 1), saveError: action.message }),
  failed: (state, action) => ({ ...state, loading: false, deferred: [], message: `error: ${action.message}` }),
  counts: (state, action) => ({ ...state, counts: action.counts }),
  // Work that only prepares for later (counts, a suggestion) failed: one line, labeling goes on.
  backgroundFailed: (state, action) => ({ ...state, message: `${action.job} failed: ${action.message}` }),
};
