// Steps several handlers share: recording a change, moving on, opening an article.
import { fieldValue, withField } from '../../src/labels/edit.js';
import type { Action, Effect, State, UndoEntry } from './types.js';

/** A handler of one action type: the new state, with the effects it asks for pushed onto `effects`. */
export type Handler<A extends Action> = (state: State, action: A, effects: Effect[], reduce: Reduce) => State;
export type Reduce = (state: State, action: Action, effects: Effect[]) => State;
export type Handlers = { [T in Action['type']]: Handler<Extract<Action, { type: T }>> };

/** Records a field change: optimistic label update, local undo entry, write effect. */
export function write(state: State, effects: Effect[], field: string, after: string | null): State {
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
export function advance(state: State, effects: Effect[]): State {
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

export function openArticle(state: State, effects: Effect[], articleId: string): State {
  effects.push({ type: 'open', articleId });
  return { ...state, loading: true };
}
