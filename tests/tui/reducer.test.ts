import { describe, expect, it } from 'vitest';
import { shownStance, shownTopics, step } from '../../tui/state/reducer.js';
import type { Action, Effect, State, Suggestion } from '../../tui/state/types.js';
import { CODEBOOK, article, fresh, label } from './state-fixture.js';

/** Runs actions in order; returns the final state and every effect asked for. */
function run(state: State, ...actions: Action[]): { state: State; effects: Effect[] } {
  const effects: Effect[] = [];
  for (const a of actions) {
    const r = step(state, a);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}

const load = (id: string, over = {}, suggestion: Suggestion | null = null): Action => ({
  type: 'loaded',
  article: article(id),
  label: label(over),
  suggestion,
  via: 'queue',
});
const writes = (effects: Effect[]) => effects.filter((e) => e.type === 'write').map((e) => e.type === 'write' && [e.articleId, e.field, e.after]);
const AT = '2026-11-23T10:00:00.000Z';

describe('labeling reducer', () => {
  it('loaded: shows the article, ends loading, extends the trail', () => {
    const { state } = run(fresh(), load('a1'), load('a2'));
    expect(state.loading).toBe(false);
    expect(state.current?.article.id).toBe('a2');
    expect(state.trail).toEqual(['a1', 'a2']);
    expect(state.pos).toBe(1);
  });

  it('toggleTopic: on and off, each one write', () => {
    const { state, effects } = run(
      fresh(),
      load('a1'),
      { type: 'toggleTopic', key: 'diplomacy' },
      { type: 'toggleTopic', key: 'counter_terrorism' },
      { type: 'toggleTopic', key: 'diplomacy' },
    );
    expect(state.current?.label.topics).toEqual(['counter_terrorism']);
    expect(writes(effects)).toEqual([
      ['a1', 'topic:diplomacy', 'on'],
      ['a1', 'topic:counter_terrorism', 'on'],
      ['a1', 'topic:diplomacy', null],
    ]);
    expect(state.pendingWrites).toBe(3);
    expect(run(state, { type: 'saved' }, { type: 'saved' }).state.pendingWrites).toBe(1);
  });

  it('toggleTopic: a single-label codebook replaces the topic', () => {
    const s = fresh({ codebook: { ...CODEBOOK, multiLabel: false } });
    const { state, effects } = run(s, load('a1'), { type: 'toggleTopic', key: 'diplomacy' }, { type: 'toggleTopic', key: 'sahel_security' });
    expect(state.current?.label.topics).toEqual(['sahel_security']);
    expect(writes(effects)).toEqual([
      ['a1', 'topic:diplomacy', 'on'],
      ['a1', 'topic:diplomacy', null],
      ['a1', 'topic:sahel_security', 'on'],
    ]);
  });

  it('toggleTopic: ignored for unknown keys and in an empty queue', () => {
    expect(run(fresh({ loading: false, empty: true }), { type: 'toggleTopic', key: 'diplomacy' }).effects).toEqual([]);
    expect(run(fresh(), load('a1'), { type: 'toggleTopic', key: 'nope' }).effects).toEqual([]);
  });

  it('focus + setStance: value per focused target; same value again clears', () => {
    const { state, effects } = run(
      fresh(),
      load('a1'),
      { type: 'setStance', value: 'favor' },
      { type: 'focus', delta: 1 },
      { type: 'setStance', value: 'against' },
      { type: 'setStance', value: 'against' },
      { type: 'focus', delta: 1 },
    );
    expect(state.current?.label.stance).toEqual({ algeria: 'favor' });
    expect(state.focus).toBe(0);
    expect(writes(effects)).toEqual([
      ['a1', 'stance:algeria', 'favor'],
      ['a1', 'stance:morocco', 'against'],
      ['a1', 'stance:morocco', null],
    ]);
    expect(run(state, { type: 'focus', delta: -1 }).state.focus).toBe(1);
  });

  it('confirm: writes confirmed, counts the session, asks for the next article and counts', () => {
    const { state, effects } = run(fresh(), load('a1'), { type: 'toggleTopic', key: 'diplomacy' }, { type: 'confirm', at: AT });
    expect(writes(effects)).toEqual([
      ['a1', 'topic:diplomacy', 'on'],
      ['a1', 'confirmed', AT],
    ]);
    expect(effects).toContainEqual({ type: 'next', after: 'a1', exclude: ['a1'], filter: null });
    expect(effects).toContainEqual({ type: 'counts', filter: null });
    expect(state.sessionDone).toBe(1);
    expect(state.loading).toBe(true);
    // Keys typed while the next article loads wait for it, then apply to it in order.
    const typed = run(state, { type: 'toggleTopic', key: 'diplomacy' }, { type: 'setStance', value: 'favor' });
    expect(typed.effects).toEqual([]);
    expect(typed.state.deferred).toHaveLength(2);
    const shown = run(typed.state, load('a2'));
    expect(writes(shown.effects)).toEqual([
      ['a2', 'topic:diplomacy', 'on'],
      ['a2', 'stance:algeria', 'favor'],
    ]);
    expect(shown.state.deferred).toEqual([]);
  });

  it('confirm: an already confirmed label is not confirmed again', () => {
    const { state, effects } = run(fresh(), load('a1', { confirmedAt: AT }), { type: 'confirm', at: AT });
    expect(writes(effects)).toEqual([]);
    expect(state.sessionDone).toBe(0);
  });

  it('confirm accepts the model pre-selection unless overridden', () => {
    const suggestion: Suggestion = {
      topics: [{ key: 'counter_terrorism', score: 0.9 }],
      stance: { algeria: { value: 'favor', score: 0.7 }, morocco: { value: 'neutral', score: 0.6 } },
      evidence: [{ term: 'خلية', kind: 'word' }],
      model: 'm1',
    };
    const s = run(fresh(), load('a1', {}, suggestion)).state;
    expect(shownTopics(s.current!)).toEqual(['counter_terrorism']);
    expect(shownStance(s.current!, 'algeria')).toEqual({ value: 'favor', suggested: true, score: 0.7 });
    const { effects } = run(s, { type: 'focus', delta: 1 }, { type: 'setStance', value: 'against' }, { type: 'confirm', at: AT });
    expect(writes(effects)).toEqual([
      ['a1', 'stance:morocco', 'against'],
      ['a1', 'topic:counter_terrorism', 'on'],
      ['a1', 'stance:algeria', 'favor'],
      ['a1', 'confirmed', AT],
    ]);
    // Pressing a pre-selected topic's key turns it off: the topic field becomes the annotator's.
    const off = run(s, { type: 'toggleTopic', key: 'counter_terrorism' }, { type: 'confirm', at: AT });
    expect(writes(off.effects)).toEqual([
      ['a1', 'stance:algeria', 'favor'],
      ['a1', 'stance:morocco', 'neutral'],
      ['a1', 'confirmed', AT],
    ]);
    const other = run(s, { type: 'toggleTopic', key: 'diplomacy' });
    expect(writes(other.effects)).toEqual([
      ['a1', 'topic:counter_terrorism', 'on'],
      ['a1', 'topic:diplomacy', 'on'],
    ]);
  });

  it('skip: writes skipped and moves on', () => {
    const { state, effects } = run(fresh(), load('a1'), { type: 'skip' });
    expect(writes(effects)).toEqual([['a1', 'skipped', 'true']]);
    expect(effects).toContainEqual({ type: 'next', after: 'a1', exclude: ['a1'], filter: null });
    expect(state.current?.label.skipped).toBe(true);
  });

  it('undo after several changes reverts them one by one, newest first', () => {
    let { state } = run(
      fresh(),
      load('a1'),
      { type: 'toggleTopic', key: 'diplomacy' },
      { type: 'setStance', value: 'favor' },
      { type: 'setStance', value: 'against' },
      { type: 'toggleTopic', key: 'sahel_security' },
    );
    const r1 = run(state, { type: 'undo' });
    expect(r1.effects).toEqual([{ type: 'undo' }, { type: 'counts', filter: null }]);
    expect(r1.state.current?.label).toMatchObject({ topics: ['diplomacy'], stance: { algeria: 'against' } });
    state = run(r1.state, { type: 'undo' }, { type: 'undo' }).state;
    expect(state.current?.label).toMatchObject({ topics: ['diplomacy'], stance: {} });
    state = run(state, { type: 'undo' }).state;
    expect(state.current?.label.topics).toEqual([]);
    expect(state.undo).toEqual([]);
    const more = run(state, { type: 'undo' });
    expect(more.effects).toEqual([{ type: 'undo' }, { type: 'counts', filter: null }]);
    expect(more.state.message).toMatch(/history/);
  });

  it('undo after a skip goes back to the skipped article and un-skips it', () => {
    const { state } = run(fresh(), load('a1'), { type: 'skip' }, load('a2'));
    const r = run(state, { type: 'undo' });
    expect(r.effects).toEqual([{ type: 'undo' }, { type: 'counts', filter: null }, { type: 'open', articleId: 'a1' }]);
    expect(r.state.loading).toBe(true);
    const back = run(
      r.state,
      { type: 'undone', articleId: 'a1', label: label() },
      { type: 'loaded', article: article('a1'), label: label(), suggestion: null, via: 'trail' },
    );
    expect(back.state.current?.article.id).toBe('a1');
    expect(back.state.current?.label.skipped).toBe(false);
    expect(back.state.pos).toBe(0);
  });

  it('undo of a confirmation takes it off the session count', () => {
    const { state } = run(fresh(), load('a1'), { type: 'confirm', at: AT }, load('a2'), { type: 'undo' });
    expect(state.sessionDone).toBe(0);
  });

  it("undone: the engine's result replaces the label on screen; elsewhere, opens that article", () => {
    const s = run(fresh(), load('a1', { topics: ['diplomacy'] })).state;
    expect(run(s, { type: 'undone', articleId: 'a1', label: label() }).state.current?.label.topics).toEqual([]);
    expect(run(s, { type: 'undone', articleId: 'a9', label: label() }).effects).toEqual([{ type: 'open', articleId: 'a9' }]);
    expect(run(s, { type: 'undone', articleId: null, label: null }).state.message).toBe('nothing to undo');
  });

  it('back and forward move through the session trail; forward at the end asks the queue', () => {
    let { state, effects } = run(fresh(), load('a1'), load('a2'), load('a3'), { type: 'back' });
    expect(effects).toEqual([{ type: 'open', articleId: 'a2' }]);
    state = run(state, { type: 'loaded', article: article('a2'), label: label(), suggestion: null, via: 'trail' }).state;
    expect(state.pos).toBe(1);
    const fwd = run(state, { type: 'forward' });
    expect(fwd.effects).toEqual([{ type: 'open', articleId: 'a3' }]);
    // Enter on an article reached by going back continues along the trail.
    const enter = run(state, { type: 'confirm', at: AT });
    expect(enter.effects).toContainEqual({ type: 'open', articleId: 'a3' });
    const atEnd = run(run(state, { type: 'loaded', article: article('a3'), label: label(), suggestion: null, via: 'trail' }).state, { type: 'forward' });
    expect(atEnd.effects).toContainEqual({ type: 'next', after: 'a3', exclude: ['a3'], filter: null });
    expect(run(fresh(), load('a1'), { type: 'back' }).effects).toEqual([]);
  });

  it('queueEmpty: nothing on screen; back returns to the last article', () => {
    const { state } = run(fresh(), load('a1'), { type: 'confirm', at: AT }, { type: 'queueEmpty' });
    expect(state.empty).toBe(true);
    expect(state.current).toBeNull();
    expect(run(state, { type: 'back' }).effects).toEqual([{ type: 'open', articleId: 'a1' }]);
    expect(run(state, { type: 'forward' }).effects).toEqual([]);
  });

  it('scroll stays within 0..max; a new article starts at the top', () => {
    let { state } = run(fresh(), load('a1'), { type: 'scroll', delta: 5, max: 3 });
    expect(state.scroll).toBe(3);
    state = run(state, { type: 'scroll', delta: -10, max: 3 }).state;
    expect(state.scroll).toBe(0);
    state = run(state, { type: 'scroll', delta: 2, max: 3 }, load('a2')).state;
    expect(state.scroll).toBe(0);
  });

  it('note: opens with the current note, edits, saves as one write; Esc cancels', () => {
    const { state, effects } = run(
      fresh(),
      load('a1', { note: 'قديم' }),
      { type: 'openOverlay', overlay: 'note' },
      { type: 'backspace' },
      { type: 'input', text: 'م جدا' },
      { type: 'submit' },
    );
    expect(writes(effects)).toEqual([['a1', 'note', 'قديم جدا']]);
    expect(state.overlay).toBeNull();
    const cancel = run(fresh(), load('a1'), { type: 'openOverlay', overlay: 'note' }, { type: 'input', text: 'x' }, { type: 'closeOverlay' });
    expect(cancel.effects.filter((e) => e.type === 'write')).toEqual([]);
    const clear = run(fresh(), load('a1', { note: 'n' }), { type: 'openOverlay', overlay: 'note' }, { type: 'backspace' }, { type: 'submit' });
    expect(writes(clear.effects)).toEqual([['a1', 'note', null]]);
  });

  it('search: sets the filter and restarts the queue; empty clears it', () => {
    const { state, effects } = run(fresh(), load('a1'), { type: 'openOverlay', overlay: 'search' }, { type: 'input', text: 'ليبيا' }, { type: 'submit' });
    expect(state.filter).toBe('ليبيا');
    expect(effects).toEqual([
      { type: 'next', after: null, exclude: [], filter: 'ليبيا' },
      { type: 'counts', filter: 'ليبيا' },
    ]);
    const cleared = run(
      state,
      load('a2'),
      { type: 'openOverlay', overlay: 'search' },
      { type: 'backspace' },
      { type: 'backspace' },
      { type: 'backspace' },
      { type: 'backspace' },
      { type: 'backspace' },
      { type: 'submit' },
    );
    expect(cleared.state.filter).toBeNull();
  });

  it('help and guidelines overlays open and close; input outside text overlays is ignored', () => {
    const s = run(fresh(), load('a1'), { type: 'openOverlay', overlay: 'help' }).state;
    expect(s.overlay).toEqual({ kind: 'help' });
    expect(run(s, { type: 'input', text: 'x' }).state).toBe(s);
    expect(run(s, { type: 'closeOverlay' }).state.overlay).toBeNull();
    expect(run(s, { type: 'openOverlay', overlay: 'guidelines' }).state.overlay).toEqual({ kind: 'guidelines' });
  });

  it('toggleRtl switches the mode and asks to write the terminal sequence', () => {
    const { state, effects } = run(fresh(), { type: 'toggleRtl' });
    expect(state.rtl.mode).toBe('terminal');
    expect(effects).toEqual([{ type: 'rtl', mode: 'terminal' }]);
    expect(run(state, { type: 'toggleRtl' }).state.rtl.mode).toBe('app');
  });

  it('saveFailed shows the error; counts are stored; quit asks to quit', () => {
    const s = run(fresh(), load('a1'), { type: 'toggleTopic', key: 'diplomacy' }, { type: 'saveFailed', message: 'disk full' }).state;
    expect(s).toMatchObject({ pendingWrites: 0, saveError: 'disk full' });
    expect(run(s, { type: 'counts', counts: { total: 5, labeled: 1, remaining: 4 } }).state.counts).toEqual({ total: 5, labeled: 1, remaining: 4 });
    expect(run(fresh(), { type: 'failed', message: 'gone' }).state).toMatchObject({ loading: false, message: 'error: gone' });
    const q = run(s, { type: 'quit' });
    expect(q.state.quitting).toBe(true);
    expect(q.effects).toEqual([{ type: 'quit' }]);
  });
});

describe('the model arriving after the first frame', () => {
  const SUGGESTION: Suggestion = {
    topics: [{ key: 'counter_terrorism', score: 0.9 }],
    stance: { algeria: { value: 'favor', score: 0.7 }, morocco: { value: 'neutral', score: 0.6 } },
    evidence: [{ term: 'خلية', kind: 'word' }],
    model: 'm1',
  };
  const loading = () => fresh({ model: 'loading' });
  const suggestion = (articleId: string): Action => ({ type: 'suggestion', articleId, suggestion: SUGGESTION });

  it('model ready: asks for the suggestion of the article on screen, then pre-selects it; Enter accepts it', () => {
    const shown = run(loading(), load('a1')).state;
    expect(shownTopics(shown.current!)).toEqual([]);
    const ready = run(shown, { type: 'model', status: 'ready' });
    expect(ready.state.model).toBe('ready');
    expect(ready.effects).toEqual([{ type: 'suggest', article: article('a1') }]);
    const s = run(ready.state, suggestion('a1')).state;
    expect(s.current?.suggestion).toEqual(SUGGESTION);
    expect(shownTopics(s.current!)).toEqual(['counter_terrorism']);
    expect(shownStance(s.current!, 'algeria')).toEqual({ value: 'favor', suggested: true, score: 0.7 });
    expect(writes(run(s, { type: 'confirm', at: AT }).effects)).toEqual([
      ['a1', 'topic:counter_terrorism', 'on'],
      ['a1', 'stance:algeria', 'favor'],
      ['a1', 'stance:morocco', 'neutral'],
      ['a1', 'confirmed', AT],
    ]);
  });

  it('model ready: nothing to ask while the next article loads, for a confirmed article, or when there is no article', () => {
    const next = run(loading(), load('a1'), { type: 'skip' });
    expect(next.state.loading).toBe(true);
    expect(run(next.state, { type: 'model', status: 'ready' }).effects).toEqual([]);
    expect(run(loading(), load('a1', { confirmedAt: AT }), { type: 'model', status: 'ready' }).effects).toEqual([]);
    expect(run(loading(), { type: 'queueEmpty' }, { type: 'model', status: 'ready' }).effects).toEqual([]);
    expect(run(loading(), load('a1'), { type: 'model', status: 'none' })).toMatchObject({ state: { model: 'none' }, effects: [] });
  });

  it('a suggestion for another article than the one on screen is dropped', () => {
    const s = run(loading(), load('a1'), { type: 'model', status: 'ready' }, load('a2'), suggestion('a1')).state;
    expect(s.current?.article.id).toBe('a2');
    expect(s.current?.suggestion).toBeNull();
    expect(shownTopics(s.current!)).toEqual([]);
    expect(shownStance(s.current!, 'algeria')).toBeNull();
    // …also while the next article is loading (the one on screen is about to go).
    const leaving = run(loading(), load('a1'), { type: 'skip' }, suggestion('a2'), load('a2')).state;
    expect(leaving.current?.suggestion).toBeNull();
  });

  it('after the annotator changed the label, a suggestion pre-selects nothing (evidence and model name only)', () => {
    const edited = run(loading(), load('a1'), { type: 'setStance', value: 'against' }, { type: 'model', status: 'ready' }, suggestion('a1')).state;
    expect(edited.current?.suggestion?.evidence).toEqual(SUGGESTION.evidence);
    expect(edited.current?.suggestion?.model).toBe('m1');
    expect(shownTopics(edited.current!)).toEqual([]);
    expect(shownStance(edited.current!, 'algeria')).toEqual({ value: 'against', suggested: false });
    expect(shownStance(edited.current!, 'morocco')).toBeNull();
    // Enter writes what the annotator chose, nothing of the late suggestion.
    expect(writes(run(edited, { type: 'confirm', at: AT }).effects)).toEqual([['a1', 'confirmed', AT]]);
    // Also after a change and its undo.
    const undone = run(loading(), load('a1'), { type: 'toggleTopic', key: 'diplomacy' }, { type: 'undo' }, suggestion('a1')).state;
    expect(shownTopics(undone.current!)).toEqual([]);
    expect(shownStance(undone.current!, 'algeria')).toBeNull();
    // A suggestion already there is not replaced, and a confirmed article takes none.
    const first = run(loading(), load('a1'), suggestion('a1')).state;
    const again = run(first, { type: 'suggestion', articleId: 'a1', suggestion: { ...SUGGESTION, model: 'm2' } }).state;
    expect(again.current?.suggestion?.model).toBe('m1');
    expect(run(loading(), load('a1', { confirmedAt: AT }), suggestion('a1')).state.current?.suggestion).toBeNull();
  });

  it('a model that fails to load: one line on the status line, labeling goes on', () => {
    const { state, effects } = run(loading(), load('a1'), { type: 'model', status: 'failed', message: 'models/latest/metadata.json: not a Mizan model' });
    expect(state.model).toBe('failed');
    expect(state.message).toBe('no model suggestions: models/latest/metadata.json: not a Mizan model');
    expect(effects).toEqual([]);
    expect(writes(run(state, { type: 'toggleTopic', key: 'diplomacy' }).effects)).toEqual([['a1', 'topic:diplomacy', 'on']]);
  });
});
