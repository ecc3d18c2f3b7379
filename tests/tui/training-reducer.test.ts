// The model-state actions of background training: when a training starts, what a new model does to
// the article on screen (nothing to its label), a failed or busy training, one finishing after quit.
import { describe, expect, it } from 'vitest';
import { shownStance, shownTopics, step } from '../../tui/state/reducer.js';
import { keyToAction } from '../../tui/state/keys.js';
import { modelText } from '../../tui/components/Header.js';
import type { Action, Effect, ModelInfo, State, Suggestion } from '../../tui/state/types.js';
import { article, fresh, label } from './state-fixture.js';

function run(state: State, ...actions: Action[]): { state: State; effects: Effect[] } {
  const effects: Effect[] = [];
  for (const a of actions) {
    const r = step(state, a);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}

const AT = '2026-12-02T10:00:00.000Z';
const load = (id: string, suggestion: Suggestion | null = null): Action => ({ type: 'loaded', article: article(id), label: label(), suggestion, via: 'queue' });
const INFO: ModelInfo = { id: 'm2', labels: 40, f1: { topics: 0.71, 'stance:algeria': 0.6 } };
const OLD: ModelInfo = { id: 'm1', labels: 20, f1: { topics: 0.5 } };
const SUGGESTION: Suggestion = { topics: [{ key: 'diplomacy', score: 0.9 }], stance: { algeria: { value: 'favor', score: 0.8 } }, evidence: [], model: 'm2' };
const kinds = (effects: Effect[]) => effects.map((e) => e.type);
/** A screen with a model in use and retraining every `every` labels. */
const withModel = (every: number): State => {
  const s = fresh();
  return { ...s, model: 'ready', training: { ...s.training, every, info: OLD } };
};

describe('background training in the reducer', () => {
  it('trains after every N newly confirmed labels, after the confirmation is written; re-confirming does not count', () => {
    let { state, effects } = run(withModel(2), load('a1'), { type: 'toggleTopic', key: 'diplomacy' }, { type: 'confirm', at: AT }, load('a2'), {
      type: 'toggleTopic',
      key: 'diplomacy',
    });
    expect(kinds(effects)).not.toContain('train');
    const second = run(state, { type: 'confirm', at: AT });
    const k = kinds(second.effects);
    // The train effect comes after the confirmation's write, so the runner starts it once that is committed.
    expect(k.indexOf('train')).toBeGreaterThan(k.lastIndexOf('write'));
    expect(second.state.training).toMatchObject({ running: true, since: 0 });
    // An article confirmed before (shown again) is not a new label.
    ({ state, effects } = run(
      second.state,
      { type: 'loaded', article: article('a1'), label: label({ confirmedAt: AT, topics: ['diplomacy'] }), suggestion: null, via: 'trail' },
      { type: 'confirm', at: AT },
    ));
    expect(state.training.since).toBe(0);
    expect(kinds(effects)).not.toContain('train');
  });

  it('with no model: each confirmation checks the labels, and the first model trains once none are missing', () => {
    const s0 = fresh();
    const start: State = { ...s0, training: { ...s0.training, every: 25 } };
    const { state, effects } = run(start, load('a1'), { type: 'toggleTopic', key: 'diplomacy' }, { type: 'confirm', at: AT });
    expect(kinds(effects)).toContain('checkLabels');
    expect(kinds(effects)).not.toContain('train');
    const short = run(state, { type: 'labelsMissing', count: 3 });
    expect(short.effects).toEqual([]);
    expect(modelText(short.state)).toBe(' · no model yet: 3 more labels needed');
    const enough = run(short.state, { type: 'labelsMissing', count: 0 });
    expect(kinds(enough.effects)).toEqual(['train']);
    expect(modelText(enough.state)).toBe(' · model training…');
  });

  it('a model still loading is not a missing model: confirming does not start a first training', () => {
    const s0 = fresh();
    const { effects } = run(
      { ...s0, model: 'loading', training: { ...s0.training, every: 25 } },
      load('a1'),
      { type: 'toggleTopic', key: 'diplomacy' },
      { type: 'confirm', at: AT },
    );
    expect(kinds(effects)).not.toContain('checkLabels');
    expect(kinds(effects)).not.toContain('train');
  });

  it('--retrain-every 0: nothing trains by itself; t still does, once at a time', () => {
    let { state, effects } = run(withModel(0), load('a1'), { type: 'toggleTopic', key: 'diplomacy' }, { type: 'confirm', at: AT });
    expect(kinds(effects)).not.toContain('train');
    expect(kinds(effects)).not.toContain('checkLabels');
    const t = keyToAction(state, 't', {}, { page: 10, maxScroll: 0, now: () => AT });
    expect(t).toEqual({ type: 'trainRequested' });
    ({ state, effects } = run(state, t!));
    expect(kinds(effects)).toEqual(['train']);
    ({ state, effects } = run(state, { type: 'trainRequested' }));
    expect(effects).toEqual([]);
    expect(state.message).toBe('a model is already training');
  });

  it('a swap while the analyst edits: the label on screen stays as it is, and no suggestion replaces one shown', () => {
    const old: Suggestion = { ...SUGGESTION, topics: [{ key: 'counter_terrorism', score: 0.7 }], model: 'm1' };
    let { state } = run(withModel(2), load('a1', old), { type: 'setStance', value: 'against' }, { type: 'trainRequested' });
    const before = state.current!;
    const swapped = run(state, { type: 'trained', info: INFO });
    state = swapped.state;
    expect(state.current!.label).toEqual(before.label);
    expect(state.current!.suggestion).toBe(before.suggestion);
    expect(kinds(swapped.effects)).not.toContain('suggest');
    expect(shownStance(state.current!, 'algeria')).toEqual({ value: 'against', suggested: false });
    expect(state.training).toMatchObject({ running: false, info: INFO });
    expect(modelText(state)).toBe(' · model m2 (40 labels · F1 topics 71 algeria 60)');
    // The next training: "training…" comes first, so a narrow header cuts the model's figures instead.
    ({ state } = run(state, { type: 'trainRequested' }));
    expect(modelText(state)).toBe(' · training… · model m2 (40 labels · F1 topics 71 algeria 60)');
  });

  it('a swap on an article shown without a suggestion and already edited: its suggestion pre-selects nothing', () => {
    const s0 = fresh();
    let { state } = run({ ...s0, training: { ...s0.training, every: 2, running: true } }, load('a1'), { type: 'toggleTopic', key: 'sahel_security' });
    const swapped = run(state, { type: 'trained', info: INFO });
    expect(kinds(swapped.effects)).toEqual(['suggest']);
    state = run(swapped.state, { type: 'suggestion', articleId: 'a1', suggestion: SUGGESTION }).state;
    expect(shownTopics(state.current!)).toEqual(['sahel_security']);
    expect(shownStance(state.current!, 'algeria')).toBeNull();
    expect(state.current!.suggestion?.model).toBe('m2');
  });

  it('labels confirmed while a model trained start the next training when it is done', () => {
    let { state } = run(withModel(2), load('a1'), { type: 'trainRequested' });
    for (const id of ['a2', 'a3']) state = run(state, { type: 'toggleTopic', key: 'diplomacy' }, { type: 'confirm', at: AT }, load(id)).state;
    expect(state.training).toMatchObject({ running: true, since: 2 });
    const done = run(state, { type: 'trained', info: INFO });
    expect(kinds(done.effects)).toContain('train');
    expect(done.state.training).toMatchObject({ running: true, since: 0, info: INFO });
  });

  it('a failed training is one line on the status line; labeling goes on and t can try again', () => {
    let { state } = run(withModel(2), load('a1'), { type: 'trainRequested' });
    state = run(state, { type: 'trainFailed', message: 'too few labelled examples (need at least 2 per class): topic:diplomacy (1)' }).state;
    expect(state.message).toBe('training failed: too few labelled examples (need at least 2 per class): topic:diplomacy (1)');
    expect(state.training.running).toBe(false);
    expect(state.training.info).toEqual(OLD);
    const next = run(state, { type: 'toggleTopic', key: 'diplomacy' }, { type: 'confirm', at: AT });
    expect(kinds(next.effects)).toEqual(['write', 'write', 'next', 'counts']);
    expect(kinds(run(next.state, { type: 'trainRequested' }).effects)).toEqual(['train']);
  });

  it('another process training the database: said once, nothing else changes', () => {
    const { state } = run(withModel(2), load('a1'), { type: 'trainRequested' }, { type: 'trainFailed', message: 'busy', busy: true });
    expect(state.message).toMatch(/another screen is training/);
    expect(state.training.running).toBe(false);
  });

  it('a model trained by another screen swaps in without touching a training running here', () => {
    const { state } = run(withModel(2), load('a1', SUGGESTION), { type: 'trainRequested' }, { type: 'trained', info: { ...INFO, id: 'm9' }, elsewhere: true });
    expect(state.training).toMatchObject({ running: true, info: { id: 'm9' } });
    expect(state.message).toMatch(/trained by another screen/);
  });

  it('a training that finishes after quit asks for nothing', () => {
    let { state } = run(withModel(2), load('a1'), { type: 'trainRequested' }, { type: 'quit' });
    const late = run(state, { type: 'trained', info: INFO });
    expect(late.effects).toEqual([]);
    state = late.state;
    expect(state.quitting).toBe(true);
    expect(run(state, { type: 'labelsMissing', count: 0 }).effects).toEqual([]);
  });
});
