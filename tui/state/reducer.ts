// The labeling screen as a pure function: (state, action) → (state, effects). No I/O, no clock
// (times arrive inside actions), so every behaviour is tested without rendering or a database.
import { toggleRtlMode } from '../../src/display/mode.js';
import { fieldValue, stanceField, topicField, withField } from '../../src/labels/edit.js';
import type { Action, Current, Effect, State, Step, UndoEntry } from './types.js';

/** Topics as shown: the annotator's, or the model's pre-selection while the annotator has not touched them. */
export function shownTopics(cur: Current): string[] {
  const own = cur.label.topics;
  if (cur.suggestion === null || cur.topicsTouched || cur.label.confirmedAt !== null) return own;
  return [...new Set([...own, ...cur.suggestion.topics.map((t) => t.key)])].sort();
}

/** The stance value shown for a target and whether it is only the model's suggestion. */
export function shownStance(cur: Current, target: string): { value: string; suggested: boolean; score?: number } | null {
  const own = cur.label.stance[target];
  if (own !== undefined) return { value: own, suggested: false };
  const s = cur.suggestion?.stance[target];
  if (s === undefined || cur.label.confirmedAt !== null) return null;
  return { value: s.value, suggested: true, score: s.score };
}

export function focusedTarget(state: State): string | null {
  return state.codebook.targets[state.focus]?.key ?? null;
}

/** Records a field change: optimistic label update, local undo entry, write effect. */
function write(state: State, effects: Effect[], field: string, after: string | null): State {
  const cur = state.current;
  if (cur === null) return state;
  const before = fieldValue(cur.label, field);
  if (before === after) return state;
  const entry: UndoEntry = { articleId: cur.article.id, field, before, after };
  effects.push({ type: 'write', articleId: cur.article.id, field, after });
  return {
    ...state,
    current: { ...cur, label: withField(cur.label, field, after), edited: true },
    undo: [...state.undo, entry],
    pendingWrites: state.pendingWrites + 1,
    saveError: null,
    message: null,
  };
}

/** Moves on after Enter or skip: forward along the trail if we went back, else the queue's next. */
function advance(state: State, effects: Effect[]): State {
  const id = state.current?.article.id ?? null;
  if (state.pos < state.trail.length - 1) {
    const next = state.trail[state.pos + 1]!;
    effects.push({ type: 'open', articleId: next });
    return { ...state, loading: true, message: null };
  }
  effects.push({ type: 'next', after: id, exclude: id === null ? [] : [id], filter: state.filter });
  effects.push({ type: 'counts', filter: state.filter });
  return { ...state, loading: true, message: null };
}

function openArticle(state: State, effects: Effect[], articleId: string): State {
  effects.push({ type: 'open', articleId });
  return { ...state, loading: true };
}

export function step(state: State, action: Action): Step {
  const effects: Effect[] = [];
  const next = reduce(state, action, effects);
  return { state: next, effects };
}

/** Convenience for callers that only want the state (tests of pure transitions). */
export function reducer(state: State, action: Action): State {
  return step(state, action).state;
}

const TYPE_AHEAD: ReadonlySet<Action['type']> = new Set(['toggleTopic', 'setStance', 'confirm', 'skip']);

function reduce(state: State, action: Action, effects: Effect[]): State {
  if (state.loading && !state.empty && TYPE_AHEAD.has(action.type)) return { ...state, deferred: [...state.deferred, action] };
  const cur = state.current;
  switch (action.type) {
    case 'loaded': {
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
        current: { article: action.article, label: action.label, suggestion: action.suggestion, others: action.others ?? [], topicsTouched: false, edited: false },
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
    }
    case 'queueEmpty':
      return { ...state, current: null, loading: false, empty: true, pos: state.trail.length, overlay: null, deferred: [] };

    case 'model': {
      if (action.status === 'failed') return { ...state, model: 'failed', message: `no model suggestions: ${action.message ?? 'the model did not load'}` };
      if (action.status === 'none' || cur === null || state.loading) return { ...state, model: action.status };
      // The article on screen was shown without the model: ask for its suggestion now. (One still
      // loading gets its suggestion from the runner when it arrives.)
      if (cur.suggestion === null && cur.label.confirmedAt === null) effects.push({ type: 'suggest', article: cur.article });
      return { ...state, model: action.status };
    }
    case 'suggestion': {
      // Computed for an article that is no longer on screen, or one settled meanwhile: dropped.
      if (cur === null || cur.article.id !== action.articleId || cur.suggestion !== null || cur.label.confirmedAt !== null) return state;
      // The annotator already changed this label: the evidence and the model's name are shown, but
      // nothing is pre-selected (Enter must not accept values that appeared under the annotator's keys).
      const suggestion = cur.edited ? { ...action.suggestion, topics: [], stance: {} } : action.suggestion;
      return { ...state, current: { ...cur, suggestion } };
    }

    case 'toggleTopic': {
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
    }
    case 'setStance': {
      const target = focusedTarget(state);
      if (cur === null || state.loading || target === null) return state;
      if (!state.codebook.values.some((v) => v.key === action.value)) return state;
      // Pressing the value the label already has clears it; a suggested value is accepted.
      const own = cur.label.stance[target];
      return write(state, effects, stanceField(target), own === action.value ? null : action.value);
    }
    case 'focus': {
      const n = state.codebook.targets.length;
      if (n === 0) return state;
      return { ...state, focus: (((state.focus + action.delta) % n) + n) % n };
    }
    case 'confirm': {
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
        s = { ...s, sessionDone: s.sessionDone + 1 };
      }
      return advance(s, effects);
    }
    case 'skip': {
      if (cur === null || state.loading) return state;
      return advance(write(state, effects, 'skipped', 'true'), effects);
    }
    case 'undo': {
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
    }
    case 'undone': {
      if (action.articleId === null) return { ...state, message: 'nothing to undo' };
      if (cur !== null && cur.article.id === action.articleId && action.label !== null && !state.loading) {
        return { ...state, current: { ...cur, label: action.label, edited: true } };
      }
      if (state.loading) return state;
      return openArticle(state, effects, action.articleId);
    }
    case 'back': {
      if (state.pos <= 0 || state.loading) return state;
      return openArticle({ ...state, pos: state.pos - 1 }, effects, state.trail[state.pos - 1]!);
    }
    case 'forward': {
      if (state.loading) return state;
      if (state.pos < state.trail.length - 1) return openArticle({ ...state, pos: state.pos + 1 }, effects, state.trail[state.pos + 1]!);
      if (state.empty) return state;
      return advance(state, effects);
    }
    case 'scroll':
      return { ...state, scroll: Math.max(0, Math.min(action.max, state.scroll + action.delta)) };
    case 'openOverlay': {
      switch (action.overlay) {
        case 'help':
          return { ...state, overlay: { kind: 'help' } };
        case 'guidelines':
          return { ...state, overlay: { kind: 'guidelines' } };
        case 'note':
          return cur === null ? state : { ...state, overlay: { kind: 'note', text: cur.label.note ?? '' } };
        case 'search':
          return { ...state, overlay: { kind: 'search', text: state.filter ?? '' } };
      }
      return state;
    }
    case 'closeOverlay':
      return { ...state, overlay: null };
    case 'input': {
      const o = state.overlay;
      if (o === null || (o.kind !== 'note' && o.kind !== 'search')) return state;
      return { ...state, overlay: { ...o, text: o.text + action.text } };
    }
    case 'backspace': {
      const o = state.overlay;
      if (o === null || (o.kind !== 'note' && o.kind !== 'search')) return state;
      return { ...state, overlay: { ...o, text: [...o.text].slice(0, -1).join('') } };
    }
    case 'submit': {
      const o = state.overlay;
      if (o === null) return state;
      if (o.kind === 'note') {
        const text = o.text.trim();
        return write({ ...state, overlay: null }, effects, 'note', text === '' ? null : text);
      }
      if (o.kind === 'search') {
        const filter = o.text.trim() === '' ? null : o.text.trim();
        effects.push({ type: 'next', after: null, exclude: [], filter });
        effects.push({ type: 'counts', filter });
        return { ...state, overlay: null, filter, loading: true, message: filter === null ? 'filter cleared' : `filter: ${filter}` };
      }
      return { ...state, overlay: null };
    }
    case 'toggleRtl': {
      const mode = toggleRtlMode(state.rtl.mode);
      effects.push({ type: 'rtl', mode });
      return { ...state, rtl: { mode, reason: 'switched with r' } };
    }
    case 'saved':
      return { ...state, pendingWrites: Math.max(0, state.pendingWrites - 1) };
    case 'saveFailed':
      return { ...state, pendingWrites: Math.max(0, state.pendingWrites - 1), saveError: action.message };
    case 'failed':
      return { ...state, loading: false, deferred: [], message: `error: ${action.message}` };
    case 'counts':
      return { ...state, counts: action.counts };
    case 'quit':
      effects.push({ type: 'quit' });
      return { ...state, quitting: true };
  }
}
