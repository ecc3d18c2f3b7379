// Which action a key means, given the state (overlays take text; value keys apply to the focused
// stance target). Pure, so the key map is tested without a terminal.
import type { Action, State } from './types.js';

/** The parts of Ink's Key the screen uses. */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

export interface ViewMetrics {
  /** Body lines visible at once (a page). */
  page: number;
  /** Largest useful scroll offset. */
  maxScroll: number;
  /** ISO time for a confirmation made now. */
  now: () => string;
}

export function keyToAction(state: State, input: string, key: KeyInfo, view: ViewMetrics): Action | null {
  if (key.ctrl && input === 'c') return { type: 'quit' };
  const o = state.overlay;
  if (o !== null && (o.kind === 'note' || o.kind === 'search')) {
    if (key.escape) return { type: 'closeOverlay' };
    if (key.return) return { type: 'submit' };
    if (key.backspace || key.delete) return { type: 'backspace' };
    if (key.ctrl || key.meta || input === '') return null;
    return { type: 'input', text: input };
  }
  if (o !== null) {
    // Help and guidelines: any key closes; q still quits.
    return input === 'q' ? { type: 'quit' } : { type: 'closeOverlay' };
  }
  if (key.return) return { type: 'confirm', at: view.now() };
  if (key.tab) return { type: 'focus', delta: key.shift ? -1 : 1 };
  if (key.rightArrow) return { type: 'focus', delta: 1 };
  if (key.leftArrow) return { type: 'focus', delta: -1 };
  if (key.downArrow) return { type: 'scroll', delta: 1, max: view.maxScroll };
  if (key.upArrow) return { type: 'scroll', delta: -1, max: view.maxScroll };
  if (key.pageDown) return { type: 'scroll', delta: view.page, max: view.maxScroll };
  if (key.pageUp) return { type: 'scroll', delta: -view.page, max: view.maxScroll };
  if (key.escape) return null;
  switch (input) {
    case 'q':
      return { type: 'quit' };
    case 's':
      return { type: 'skip' };
    case 'u':
      return { type: 'undo' };
    case '[':
      return { type: 'back' };
    case ']':
      return { type: 'forward' };
    case 'n':
      return { type: 'openOverlay', overlay: 'note' };
    case '/':
      return { type: 'openOverlay', overlay: 'search' };
    case 'g':
      return { type: 'openOverlay', overlay: 'guidelines' };
    case '?':
      return { type: 'openOverlay', overlay: 'help' };
    case 'r':
      return { type: 'toggleRtl' };
    case 'j':
      return { type: 'scroll', delta: 1, max: view.maxScroll };
    case 'k':
      return { type: 'scroll', delta: -1, max: view.maxScroll };
    case ' ':
      return { type: 'scroll', delta: view.page, max: view.maxScroll };
    case 'l':
      return { type: 'focus', delta: 1 };
    case 'h':
      return { type: 'focus', delta: -1 };
  }
  // Codebooks give each key one meaning (src/codebook/parse.ts); one stored by an older Mizan may
  // not, and then the value wins, as it acts on the focused target.
  const value = state.codebook.values.find((v) => v.hotkey !== '' && v.hotkey === input);
  if (value !== undefined && state.codebook.targets.length > 0) return { type: 'setStance', value: value.key };
  const topic = state.codebook.topics.find((t) => t.hotkey !== '' && t.hotkey === input);
  if (topic !== undefined) return { type: 'toggleTopic', key: topic.key };
  // After the hotkeys: a codebook stored before t had this meaning may use it for a topic or value.
  if (input === 't') return { type: 'trainRequested' };
  if (input === 'c' && (state.current?.nearCopies.unlabeled ?? 0) > 0) return { type: 'confirm', at: view.now(), toCopies: true };
  return null;
}

/**
 * Keys typed faster than the screen reads them (or sent by tmux/a paste) arrive as one string, e.g.
 * "1f\ta". Outside text input each character is its own key; Tab and Enter inside the run become
 * their flags. Text overlays take the whole string as text.
 */
export function splitKeys(input: string, key: KeyInfo, textMode: boolean): [string, KeyInfo][] {
  const chars = [...input];
  if (chars.length <= 1 || key.ctrl || key.meta || key.escape) return [[input, key]];
  if (textMode) {
    const enter = input.endsWith('\r');
    return enter
      ? [
          [input.slice(0, -1), {}],
          ['', { return: true }],
        ]
      : [[input, key]];
  }
  return chars.map((c): [string, KeyInfo] => (c === '\t' ? ['', { tab: true }] : c === '\r' ? ['', { return: true }] : [c, {}]));
}

/** The key list shown by `?` (and, shortened, in the status line). */
export const KEY_HELP: readonly [string, string][] = [
  ['topic hotkeys', 'toggle a topic (shown next to each topic)'],
  ['value hotkeys', 'set the stance of the focused target (again: clear it)'],
  ['Tab / → / l', 'next stance target (Shift-Tab / ← / h: previous)'],
  ['Enter', "confirm the label (accepts the model's pre-selection) and go to the next article"],
  ['s', 'skip this article'],
  ['u', 'undo the last change (repeat to go further back)'],
  ['[ / ]', 'previous / next article of this session'],
  ['n', 'write a note (Enter saves, Esc cancels)'],
  ['/', 'search: only articles containing the text (empty: all)'],
  ['g', 'codebook guidelines for the focused target and the topics'],
  ['j k ↑ ↓ PgUp PgDn space', 'scroll the article'],
  ['r', 'switch right-to-left rendering (app ↔ terminal)'],
  ['t', 'train a model now on all current labels, in the background (also every --retrain-every labels)'],
  ['c', "confirm and apply the label to the article's unlabeled near-copies (syndicated copies)"],
  ['?', 'this help'],
  ['q / Ctrl-C', 'quit (every change is already saved)'],
];
