import { describe, expect, it } from 'vitest';
import { keyToAction, splitKeys } from '../../tui/state/keys.js';
import type { State } from '../../tui/state/types.js';
import { fresh } from './state-fixture.js';

const view = { page: 10, maxScroll: 40, now: () => 'T' };
const k = (state: State, input: string, key = {}) => keyToAction(state, input, key, view);

describe('key map', () => {
  it('maps the screen keys', () => {
    const s = fresh();
    expect(k(s, '1')).toEqual({ type: 'toggleTopic', key: 'counter_terrorism' });
    expect(k(s, 'a')).toEqual({ type: 'setStance', value: 'against' });
    expect(k(s, '', { return: true })).toEqual({ type: 'confirm', at: 'T' });
    expect(k(s, '', { tab: true })).toEqual({ type: 'focus', delta: 1 });
    expect(k(s, '', { tab: true, shift: true })).toEqual({ type: 'focus', delta: -1 });
    expect(k(s, 's')).toEqual({ type: 'skip' });
    expect(k(s, 'u')).toEqual({ type: 'undo' });
    expect(k(s, '[')).toEqual({ type: 'back' });
    expect(k(s, ']')).toEqual({ type: 'forward' });
    expect(k(s, 'n')).toEqual({ type: 'openOverlay', overlay: 'note' });
    expect(k(s, '/')).toEqual({ type: 'openOverlay', overlay: 'search' });
    expect(k(s, 'g')).toEqual({ type: 'openOverlay', overlay: 'guidelines' });
    expect(k(s, '?')).toEqual({ type: 'openOverlay', overlay: 'help' });
    expect(k(s, 'r')).toEqual({ type: 'toggleRtl' });
    expect(k(s, 'q')).toEqual({ type: 'quit' });
    expect(k(s, 'c', { ctrl: true })).toEqual({ type: 'quit' });
    expect(k(s, 'j')).toEqual({ type: 'scroll', delta: 1, max: 40 });
    expect(k(s, '', { upArrow: true })).toEqual({ type: 'scroll', delta: -1, max: 40 });
    expect(k(s, ' ')).toEqual({ type: 'scroll', delta: 10, max: 40 });
    expect(k(s, '', { pageUp: true })).toEqual({ type: 'scroll', delta: -10, max: 40 });
    expect(k(s, 'z')).toBeNull();
  });

  it('text overlays take the keys as text', () => {
    const s = fresh({ overlay: { kind: 'note', text: '' } });
    expect(k(s, 'q')).toEqual({ type: 'input', text: 'q' });
    expect(k(s, 'ب')).toEqual({ type: 'input', text: 'ب' });
    expect(k(s, '', { return: true })).toEqual({ type: 'submit' });
    expect(k(s, '', { escape: true })).toEqual({ type: 'closeOverlay' });
    expect(k(s, '', { backspace: true })).toEqual({ type: 'backspace' });
    expect(k(fresh({ overlay: { kind: 'help' } }), 'x')).toEqual({ type: 'closeOverlay' });
  });

  it('splits a run of keys that arrived together', () => {
    expect(splitKeys('1f\ta', {}, false)).toEqual([
      ['1', {}],
      ['f', {}],
      ['', { tab: true }],
      ['a', {}],
    ]);
    expect(splitKeys('x\r', {}, false)).toEqual([
      ['x', {}],
      ['', { return: true }],
    ]);
    expect(splitKeys('ملاحظة\r', {}, true)).toEqual([
      ['ملاحظة', {}],
      ['', { return: true }],
    ]);
    expect(splitKeys('j', { downArrow: false }, false)).toEqual([['j', { downArrow: false }]]);
  });
});
