// Overlays (help, guidelines, the note and search inputs) and the view: scrolling, RTL, quitting.
import { toggleRtlMode } from '../../../src/display/mode.js';
import { write } from '../moves.js';
import type { Handlers } from '../moves.js';

export const overlayHandlers: Pick<Handlers, 'openOverlay' | 'closeOverlay' | 'input' | 'backspace' | 'submit' | 'scroll' | 'toggleRtl' | 'quit'> = {
  openOverlay(state, action) {
    switch (action.overlay) {
      case 'help':
        return { ...state, overlay: { kind: 'help' } };
      case 'guidelines':
        return { ...state, overlay: { kind: 'guidelines' } };
      case 'note':
        return state.current === null ? state : { ...state, overlay: { kind: 'note', text: state.current.label.note ?? '' } };
      case 'search':
        return { ...state, overlay: { kind: 'search', text: state.filter ?? '' } };
    }
    return state;
  },
  closeOverlay: (state) => ({ ...state, overlay: null }),
  input(state, action) {
    const o = state.overlay;
    if (o === null || (o.kind !== 'note' && o.kind !== 'search')) return state;
    return { ...state, overlay: { ...o, text: o.text + action.text } };
  },
  backspace(state) {
    const o = state.overlay;
    if (o === null || (o.kind !== 'note' && o.kind !== 'search')) return state;
    return { ...state, overlay: { ...o, text: [...o.text].slice(0, -1).join('') } };
  },
  submit(state, _action, effects) {
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
  },
  scroll: (state, action) => ({ ...state, scroll: Math.max(0, Math.min(action.max, state.scroll + action.delta)) }),
  toggleRtl(state, _action, effects) {
    const mode = toggleRtlMode(state.rtl.mode);
    effects.push({ type: 'rtl', mode });
    return { ...state, rtl: { mode, reason: 'switched with r' } };
  },
  quit(state, _action, effects) {
    effects.push({ type: 'quit' });
    return { ...state, quitting: true };
  },
};
