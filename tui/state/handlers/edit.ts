// Labeling keys: topics, stance values, the focused target, confirm, skip.
import { stanceField, topicField } from '../../../src/labels/edit.js';
import { advance, write } from '../moves.js';
import type { Handlers } from '../moves.js';
import { focusedTarget, shownTopics } from '../selectors.js';
import { afterConfirmation } from './training.js';
import type { State } from '../types.js';

export const editHandlers: Pick<Handlers, 'toggleTopic' | 'setStance' | 'focus' | 'confirm' | 'propagated' | 'skip'> = {
  toggleTopic(state, action, effects) {
    const cur = state.current;
    if (cur === null || state.loading) return state;
    if (!state.codebook.topics.some((t) => t.key === action.key)) return state;
    const shown = new Set(shownTopics(cur));
    let want: Set<string>;
    if (shown.has(action.key)) {
      shown.delete(action.key);
      want = shown;
    } else want = state.codebook.multiLabel ? shown.add(action.key) : new Set([action.key]);
    let s: State = { ...state, current: { ...cur, topicsTouched: true } };
    // Turning a pre-selected suggestion into the annotator's own choice may write several topics.
    for (const key of [...new Set([...cur.label.topics, ...want])].sort()) {
      const has = cur.label.topics.includes(key);
      if (has !== want.has(key)) s = write(s, effects, topicField(key), want.has(key) ? 'on' : null);
    }
    return s;
  },
  setStance(state, action, effects) {
    const cur = state.current;
    const target = focusedTarget(state);
    if (cur === null || state.loading || target === null) return state;
    if (!state.codebook.values.some((v) => v.key === action.value)) return state;
    // Pressing the value the label already has clears it; a suggested value is accepted.
    const own = cur.label.stance[target];
    return write(state, effects, stanceField(target), own === action.value ? null : action.value);
  },
  focus(state, action) {
    const n = state.codebook.targets.length;
    if (n === 0) return state;
    return { ...state, focus: (((state.focus + action.delta) % n) + n) % n };
  },
  confirm(state, action, effects) {
    const cur = state.current;
    if (cur === null || state.loading) return state;
    let s = state;
    if (cur.suggestion !== null && cur.label.confirmedAt === null) {
      // Enter accepts what the model pre-selected and the annotator did not override.
      if (!cur.topicsTouched) for (const t of cur.suggestion.topics) if (!cur.label.topics.includes(t.key)) s = write(s, effects, topicField(t.key), 'on');
      for (const [target, sug] of Object.entries(cur.suggestion.stance)) {
        if (cur.label.stance[target] === undefined) s = write(s, effects, stanceField(target), sug.value);
      }
    }
    if (cur.label.confirmedAt === null) {
      s = write(s, effects, 'confirmed', action.at);
      s = afterConfirmation({ ...s, sessionDone: s.sessionDone + 1 }, effects);
    }
    if (action.toCopies === true && cur.nearCopies.unlabeled > 0 && !cur.label.skipped) {
      // Queued after the confirmation, so the copies get the label as committed, and before the next
      // article is chosen, so none of them is offered again.
      effects.push({ type: 'propagate', articleId: cur.article.id });
      s = { ...s, pendingWrites: s.pendingWrites + 1 };
    }
    return advance(s, effects);
  },
  propagated: (state, action) => ({
    ...state,
    pendingWrites: Math.max(0, state.pendingWrites - 1),
    message: `label applied to ${action.count} near-cop${action.count === 1 ? 'y' : 'ies'} (u takes them back, one change at a time)`,
  }),
  skip(state, _action, effects) {
    if (state.current === null || state.loading) return state;
    return advance(write(state, effects, 'skipped', 'true'), effects);
  },
};
