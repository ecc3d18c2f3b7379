// The key c on an article with near-copies: confirm, then the label goes to the unlabeled copies
// (after the confirmation is written and before the next article is chosen).
import { describe, expect, it } from 'vitest';
import { step } from '../../tui/state/reducer.js';
import { keyToAction } from '../../tui/state/keys.js';
import { nearCopiesNote } from '../../tui/view/near-copies.js';
import type { Action, Effect, State } from '../../tui/state/types.js';
import { article, fresh, label } from './state-fixture.js';

const AT = '2026-12-02T10:00:00.000Z';
const VIEW = { page: 10, maxScroll: 0, now: () => AT };

function run(state: State, ...actions: Action[]): { state: State; effects: Effect[] } {
  const effects: Effect[] = [];
  for (const a of actions) {
    const r = step(state, a);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}

const withCopies = (copies: number, unlabeled: number): Action => ({
  type: 'loaded',
  article: article('a1'),
  label: label(),
  suggestion: null,
  via: 'queue',
  nearCopies: { copies, unlabeled },
});

describe('near-copies in the labeling screen', () => {
  it('c confirms, then propagates to the copies, then asks for the next article', () => {
    const { state } = run(fresh(), withCopies(3, 2), { type: 'toggleTopic', key: 'diplomacy' });
    const c = keyToAction(state, 'c', {}, VIEW);
    expect(c).toEqual({ type: 'confirm', at: AT, toCopies: true });
    const r = run(state, c!);
    const kinds = r.effects.map((e) => e.type);
    expect(r.effects).toContainEqual({ type: 'write', articleId: 'a1', field: 'confirmed', after: AT });
    expect(r.effects).toContainEqual({ type: 'propagate', articleId: 'a1' });
    expect(kinds.indexOf('propagate')).toBeGreaterThan(kinds.lastIndexOf('write'));
    expect(kinds.indexOf('next')).toBeGreaterThan(kinds.indexOf('propagate'));
    // "saving…" until the propagation is in; then one line says how many copies got the label.
    const pending = r.state.pendingWrites;
    const done = run(r.state, { type: 'propagated', count: 2 });
    expect(done.state.pendingWrites).toBe(pending - 1);
    expect(done.state.message).toBe('label applied to 2 near-copies (u takes them back, one change at a time)');
  });

  it('c means nothing on an article without unlabeled copies, and Enter never propagates', () => {
    const none = run(fresh(), withCopies(2, 0)).state;
    expect(keyToAction(none, 'c', {}, VIEW)).toBeNull();
    const some = run(fresh(), withCopies(2, 1), { type: 'toggleTopic', key: 'diplomacy' }).state;
    const enter = run(some, { type: 'confirm', at: AT });
    expect(enter.effects.map((e) => e.type)).not.toContain('propagate');
  });

  it('names the copies on the meta line', () => {
    expect(nearCopiesNote({ copies: 0, unlabeled: 0 })).toBeNull();
    expect(nearCopiesNote({ copies: 1, unlabeled: 0 })).toBe('1 near-copy');
    expect(nearCopiesNote({ copies: 3, unlabeled: 2 })).toBe('3 near-copies (2 unlabeled: c)');
  });
});
