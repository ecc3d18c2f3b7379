// Going back: undo (local, then further back in the database's history) and the session trail.
import { withField } from '../../../src/labels/edit.js';
import { advance, openArticle } from '../moves.js';
import type { Handlers } from '../moves.js';
import type { State } from '../types.js';

export const historyHandlers: Pick<Handlers, 'undo' | 'undone' | 'back' | 'forward'> = {
  undo(state, _action, effects) {
    const cur = state.current;
    // The header's progress may change (an undone confirmation or skip puts the article back).
    effects.push({ type: 'undo' }, { type: 'counts', filter: state.filter });
    const entry = state.undo[state.undo.length - 1];
    if (entry === undefined) return { ...state, message: 'undo: looking further back in the history' };
    let s: State = { ...state, undo: state.undo.slice(0, -1), message: `undone: ${entry.field}` };
    if (entry.field === 'confirmed' && entry.before === null) s = { ...s, sessionDone: Math.max(0, s.sessionDone - 1) };
    if (cur !== null && cur.article.id === entry.articleId && !state.loading) {
      return { ...s, current: { ...cur, label: withField(cur.label, entry.field, entry.before), edited: true } };
    }
    // The change was on another article (e.g. the one just skipped): go back to it.
    return openArticle(s, effects, entry.articleId);
  },
  undone(state, action, effects) {
    const cur = state.current;
    if (action.articleId === null) return { ...state, message: 'nothing to undo' };
    if (cur !== null && cur.article.id === action.articleId && action.label !== null && !state.loading) {
      return { ...state, current: { ...cur, label: action.label, edited: true } };
    }
    if (state.loading) return state;
    return openArticle(state, effects, action.articleId);
  },
  back(state, _action, effects) {
    if (state.pos <= 0 || state.loading) return state;
    return openArticle({ ...state, pos: state.pos - 1 }, effects, state.trail[state.pos - 1]!);
  },
  forward(state, _action, effects) {
    if (state.loading) return state;
    if (state.pos < state.trail.length - 1) return openArticle({ ...state, pos: state.pos + 1 }, effects, state.trail[state.pos + 1]!);
    if (state.empty) return state;
    return advance(state, effects);
  },
};
