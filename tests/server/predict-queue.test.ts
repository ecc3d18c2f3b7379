import { describe, expect, it } from 'vitest';
import type { Prediction } from '../../src/model/types.js';
import { PredictQueue } from '../../src/server/predict-queue.js';

interface FakeModel {
  name: string;
}

/** A predict that labels each text with the model and call it ran in, and records the calls. */
function recorder() {
  const calls: { model: string; texts: string[]; explain: boolean }[] = [];
  const predict = (m: FakeModel, texts: string[], opts: { explain: boolean }): Prediction[] => {
    if (texts.includes('boom')) throw new Error('predict failed');
    calls.push({ model: m.name, texts, explain: opts.explain });
    return texts.map((t) => ({ topics: [{ label: `${m.name}:${t}:${calls.length}`, score: 1 }], stance: {} }));
  };
  return { calls, predict };
}

const labels = (ps: Prediction[]) => ps.map((p) => p.topics[0]!.label);

describe('PredictQueue', () => {
  it('runs concurrent requests for the same model in one call and gives each its own answers in order', async () => {
    const { calls, predict } = recorder();
    const q = new PredictQueue(predict);
    const a = { name: 'a' };
    const answers = await Promise.all([q.run(a, ['x'], false), q.run(a, ['y', 'z'], false), q.run(a, ['w'], false)]);
    expect(calls).toEqual([{ model: 'a', texts: ['x', 'y', 'z', 'w'], explain: false }]);
    expect(answers.map(labels)).toEqual([['a:x:1'], ['a:y:1', 'a:z:1'], ['a:w:1']]);
  });

  it('never mixes models or explain flags in one call; each request keeps the model it started with', async () => {
    const { calls, predict } = recorder();
    const q = new PredictQueue(predict);
    const old = { name: 'old' };
    const fresh = { name: 'new' };
    const answers = await Promise.all([q.run(old, ['1'], false), q.run(fresh, ['2'], false), q.run(old, ['3'], true), q.run(old, ['4'], false)]);
    expect(calls.map((c) => `${c.model}/${c.explain}/${c.texts.join(',')}`).sort()).toEqual(['new/false/2', 'old/false/1,4', 'old/true/3']);
    expect(answers.map((a) => labels(a)[0]!.split(':').slice(0, 2).join(':'))).toEqual(['old:1', 'new:2', 'old:3', 'old:4']);
  });

  it('caps a call at maxTexts (a bigger single job still runs) and rejects only the group whose call failed', async () => {
    const { calls, predict } = recorder();
    const q = new PredictQueue(predict, 3);
    const m = { name: 'm' };
    const results = await Promise.allSettled([
      q.run(m, ['a', 'b'], false),
      q.run(m, ['c', 'd'], false),
      q.run(m, ['e', 'f', 'g', 'h'], false),
      q.run(m, ['boom'], true),
    ]);
    expect(calls.map((c) => c.texts.length)).toEqual([2, 2, 4]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect(labels((results[2] as PromiseFulfilledResult<Prediction[]>).value)).toHaveLength(4);
  });

  it('later turns of the event loop make new calls', async () => {
    const { calls, predict } = recorder();
    const q = new PredictQueue(predict);
    const m = { name: 'm' };
    await q.run(m, ['a'], false);
    await q.run(m, ['b'], false);
    expect(calls).toHaveLength(2);
  });
});
