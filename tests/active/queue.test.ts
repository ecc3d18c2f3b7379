import { describe, expect, it } from 'vitest';
import { createActiveQueue, memorySource } from '../../src/active/queue.js';
import type { Candidate, Strategy } from '../../src/active/types.js';
import { predict } from '../../src/model/predict.js';
import { trainModel } from '../../src/model/train.js';
import { STANCES, SUBJECTS, TOY_SPEC, toyCorpus } from '../model/toy.js';

// A real model on the toy corpus; candidates that mix subjects of two topics are the ambiguous ones.
async function toyModel() {
  const { model } = await trainModel(toyCorpus(), TOY_SPEC, { seed: 1, epochs: 10, validationFraction: 0.1, hashBits: 12 });
  return model;
}

function candidates(): Candidate[] {
  const [sec, eco, spo] = [SUBJECTS['security']!, SUBJECTS['economy']!, SUBJECTS['sport']!];
  const out: Candidate[] = [];
  for (let i = 0; i < 5; i++) {
    out.push({ id: `clean-${i}`, text: `${sec[i]} في الجزائر. ${STANCES['favor']}.` });
    out.push({ id: `mixed-${i}`, text: `${eco[i]} بعد ${spo[(i + 2) % 5]} في وهران.` });
    out.push({ id: `sport-${i}`, text: `${spo[i]} في عنابة. ${STANCES['against']}.` });
  }
  return out;
}

// The strategy's formulas, written out independently of src/active/uncertainty.ts.
function byHand(strategy: Strategy, p: number[]): number {
  const s = [...p].sort((a, b) => b - a);
  if (strategy === 'least-confidence') return 1 - s[0]!;
  if (strategy === 'margin') return -(s[0]! - s[1]!);
  return -p.reduce((h, x) => h + (x > 0 ? x * Math.log(x) : 0), 0);
}

async function drain(q: ReturnType<typeof createActiveQueue>, n: number, taken = new Set<string>()): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = await q.next((a) => !taken.has(a));
    if (id === null) break;
    out.push(id);
  }
  return out;
}

describe('ActiveQueue under a real trained model', () => {
  for (const strategy of ['least-confidence', 'margin', 'entropy'] as const) {
    it(`${strategy}: hands out the topic head's most uncertain articles first, in order`, async () => {
      const model = await toyModel();
      const cands = candidates();
      const q = createActiveQueue({ source: memorySource(cands), strategy, heads: 'topics', explore: 0, seed: 1, nearDuplicate: 1 });
      await q.rescore(model);
      const picks = await drain(q, cands.length);
      expect(new Set(picks).size).toBe(cands.length);
      const preds = new Map(
        cands.map((c, i) => [
          c.id,
          predict(
            model,
            cands.map((x) => x.text),
          )[i]!,
        ]),
      );
      const u = picks.map((id) =>
        byHand(
          strategy,
          preds.get(id)!.topics.map((t) => t.score),
        ),
      );
      for (let i = 1; i < u.length; i++) expect(u[i]!).toBeLessThanOrEqual(u[i - 1]! + 1e-9);
      // The mixed-subject articles are the ambiguous ones: the first five picks.
      expect(picks.slice(0, 5).every((id) => id.startsWith('mixed-'))).toBe(true);
      expect(q.status()).toMatchObject({ candidates: 15, scoredBy: model.id, scoring: false, picks: { ranked: 15, explore: 0, 'cold-start': 0 } });
    });
  }

  it('the stance heads: only the targets an article is about count', async () => {
    const model = await toyModel();
    const cands = candidates().map((c) => ({ ...c, targets: c.id.startsWith('clean-') ? ['algeria'] : [] }));
    const q = createActiveQueue({ source: memorySource(cands), strategy: 'margin', heads: 'stance', explore: 0, seed: 1, nearDuplicate: 1 });
    await q.rescore(model);
    const picks = await drain(q, 5);
    // The others have no stance head in their selection (uncertainty 0): the clean ones come first.
    expect(picks.every((id) => id.startsWith('clean-'))).toBe(true);
  });

  it('skips what accept refuses and hands every article out once', async () => {
    const model = await toyModel();
    const q = createActiveQueue({ source: memorySource(candidates()), strategy: 'margin', heads: 'all', explore: 0, seed: 1 });
    await q.rescore(model);
    const first = await q.next(() => true);
    const refused = new Set<string>();
    const second = await q.next((id) => {
      if (refused.size < 2) {
        refused.add(id);
        return false;
      }
      return true;
    });
    expect(second).not.toBe(first);
    expect(refused.has(second!)).toBe(false);
    // Refused ones stay in the queue (they were excluded only then), the served ones do not.
    const rest = await drain(q, 20);
    expect(rest).toEqual(expect.arrayContaining([...refused]));
    expect(rest).not.toContain(first);
    expect(rest).not.toContain(second);
    expect(rest.length).toBe(13);
    expect(await q.next(() => true)).toBeNull();
  });

  it('explore: exactly that share of the picks is random', async () => {
    const model = await toyModel();
    const q = createActiveQueue({ source: memorySource(candidates()), strategy: 'margin', heads: 'topics', explore: 0.2, seed: 3, nearDuplicate: 1 });
    await q.rescore(model);
    await drain(q, 10);
    expect(q.status().picks).toEqual({ ranked: 8, explore: 2, 'cold-start': 0 });
    const random = createActiveQueue({ source: memorySource(candidates()), strategy: 'random', heads: 'topics', explore: 0, seed: 3 });
    const a = await drain(random, 15);
    const b = await drain(createActiveQueue({ source: memorySource(candidates()), strategy: 'random', heads: 'topics', explore: 0, seed: 3 }), 15);
    expect(a).toEqual(b); // seeded
    expect(a).not.toEqual(candidates().map((c) => c.id));
  });

  it('never two near-identical articles in one batch while others are left', async () => {
    const model = await toyModel();
    const base = candidates();
    const mixed = base.find((c) => c.id === 'mixed-0')!;
    // Copies of an ambiguous article with a word changed: as uncertain as the original.
    const copies = ['الأحد', 'الاثنين', 'الثلاثاء'].map((day, i) => ({ id: `copy-${i}`, text: `${mixed.text} يوم ${day}` }));
    const cands = [...base, ...copies];
    const group = new Set(['mixed-0', ...copies.map((c) => c.id)]);
    const q = createActiveQueue({ source: memorySource(cands), strategy: 'margin', heads: 'topics', explore: 0, seed: 1 });
    await q.rescore(model);
    const picks = await drain(q, cands.length - group.size + 1);
    expect(picks.filter((id) => group.has(id)).length).toBe(1);
    // Without the check the copies come right after one another.
    const plain = createActiveQueue({ source: memorySource(cands), strategy: 'margin', heads: 'topics', explore: 0, seed: 1, nearDuplicate: 1 });
    await plain.rescore(model);
    expect((await drain(plain, 8)).filter((id) => group.has(id)).length).toBeGreaterThan(1);
    // A new model starts a new batch: the copies become eligible again.
    await q.rescore(model);
    expect(group.has((await q.next(() => true))!)).toBe(true);
  });
});

describe('ActiveQueue rescoring', () => {
  it('gives the event loop turns while it scores, and next() answers from the last complete order meanwhile', async () => {
    const model = await toyModel();
    const q = createActiveQueue({ source: memorySource(candidates()), strategy: 'margin', heads: 'topics', explore: 0, seed: 1, sliceMs: 0 });
    let turns = 0;
    let done = false;
    const spin = () => {
      turns++;
      if (!done) setImmediate(spin);
    };
    spin();
    const scoring = q.rescore(model);
    expect(q.status().scoring).toBe(true);
    // No model has finished scoring: this pick comes from the cold-start order, without waiting.
    const early = await q.next(() => true);
    expect(early).not.toBeNull();
    expect(q.status()).toMatchObject({ scoredBy: null, scoring: true, picks: { 'cold-start': 1 } });
    await scoring;
    done = true;
    expect(turns).toBeGreaterThan(2);
    expect(q.status()).toMatchObject({ scoredBy: model.id, scoring: false });
    expect((await q.next(() => true))!.startsWith('mixed-')).toBe(true);
  });
});

describe('ActiveQueue warm-up', () => {
  it('a model trained on fewer labels than the warm-up does not rank: the cold-start sample goes on', async () => {
    const model = await toyModel(); // trained on 60 labels
    const q = createActiveQueue({ source: memorySource(candidates()), strategy: 'margin', heads: 'topics', explore: 0, seed: 1, warmup: 61 });
    await q.rescore(model);
    await drain(q, 3);
    expect(q.status()).toMatchObject({ scoredBy: model.id, picks: { ranked: 0, 'cold-start': 3 } });
    const ready = createActiveQueue({ source: memorySource(candidates()), strategy: 'margin', heads: 'topics', explore: 0, seed: 1, warmup: 60 });
    await ready.rescore(model);
    await drain(ready, 3);
    expect(ready.status().picks).toMatchObject({ ranked: 3, 'cold-start': 0 });
  });
});

describe('ActiveQueue cold start', () => {
  it('no model yet: the first picks cover every topic and leave the outlier for later', async () => {
    // 3 topics in unequal amounts, many near-identical articles each, and one off-topic outlier.
    const cands: Candidate[] = [];
    const sizes = { security: 40, economy: 15, sport: 8 };
    for (const [topic, n] of Object.entries(sizes)) {
      for (let i = 0; i < n; i++) {
        const subject = SUBJECTS[topic]![i % 5]!;
        cands.push({ id: `${topic}-${i}`, text: `${subject} ${SUBJECTS[topic]![(i + 1) % 5]} رقم ${i}` });
      }
    }
    cands.push({ id: 'outlier', text: 'وصفة كعك البرتقال بالقرفة والزنجبيل' });
    const q = createActiveQueue({ source: memorySource(cands), strategy: 'margin', heads: 'all', explore: 0, seed: 5, coldStart: { picks: 10, sample: 200 } });
    const picks = await drain(q, 6);
    const topics = new Set(picks.map((id) => id.split('-')[0]));
    expect(topics).toEqual(new Set(['security', 'economy', 'sport']));
    expect(picks).not.toContain('outlier');
    expect(q.status().picks['cold-start']).toBe(6);
  });
});
