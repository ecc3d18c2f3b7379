// The article on screen: arriving from the queue or the trail, the queue running out, the model's
// suggestion for it arriving later.
import type { Handlers } from '../moves.js';
import type { State } from '../types.js';

export const articleHandlers: Pick<Handlers, 'loaded' | 'queueEmpty' | 'suggestion'> = {
  loaded(state, action, effects, reduce) {
    const cur = state.current;
    const id = action.article.id;
    let { trail, pos } = state;
    if (action.via === 'queue') {
      if (trail[pos] !== id) {
        trail = [...trail.slice(0, pos + 1), id];
        pos = trail.length - 1;
      }
    } else {
      const at = trail.indexOf(id);
      if (at === -1) {
        trail = [...trail, id];
        pos = trail.length - 1;
      } else pos = at;
    }
    const sameArticle = cur?.article.id === id;
    const shown: State = {
      ...state,
      current: {
        article: action.article,
        label: action.label,
        suggestion: action.suggestion,
        others: action.others ?? [],
        topicsTouched: false,
        edited: false,
        nearCopies: action.nearCopies ?? { copies: 0, unlabeled: 0 },
      },
      loading: false,
      empty: false,
      trail,
      pos,
      scroll: sameArticle ? state.scroll : 0,
      overlay: null,
      deferred: [],
    };
    // Keys typed ahead while this article loaded apply to it, in order (a replayed Enter or skip
    // starts the next load and defers the rest again).
    return state.deferred.reduce((s, a) => reduce(s, a, effects), shown);
  },
  queueEmpty: (state) => ({ ...state, current: null, loading: false, empty: true, pos: state.trail.length, overlay: null, deferred: [] }),
  suggestion(state, action) {
    const cur = state.current;
    // Computed for an article that is no longer on screen, or one settled meanwhile: dropped.
    if (cur === null || cur.article.id !== action.articleId || cur.suggestion !== null || cur.label.confirmedAt !== null) return state;
    // The annotator already changed this label: the evidence and the model's name are shown, but
    // nothing is pre-selected (Enter must not accept values that appeared under the annotator's keys).
    const suggestion = cur.edited ? { ...action.suggestion, topics: [], stance: {} } : action.suggestion;
    return { ...state, current: { ...cur, suggestion } };
  },
};
