import { describe, expect, it } from 'vitest';
import { zeroWeights } from '../../src/model/linear.js';
import { formatTrainReport } from '../../src/model/format.js';
import { predict } from '../../src/model/predict.js';
import { trainModel } from '../../src/model/train.js';
import { pseudoLabel } from '../../src/model/train/self-train.js';
import type { CodebookSpec, HeadSpec, TrainingExample } from '../../src/model/types.js';
import { TOY_SPEC, toyCorpus } from './toy.js';

const FAST = { epochs: 10, validationFraction: 0.2, hashBits: 12, learningRate: 0.3 } as const;

describe('pseudoLabel', () => {
  // Two classes; bucket 0 votes for class 0, bucket 1 for class 1, with the feature value as strength.
  const heads: HeadSpec[] = [
    { field: 'topics', kind: 'softmax', labels: ['a', 'b'], offset: 0 },
    { field: 'stance:x', kind: 'softmax', labels: ['favor', 'against'], offset: 2 },
  ];
  const w = zeroWeights(2, 4);
  w.kernel[0 * 4 + 0] = 1;
  w.kernel[1 * 4 + 1] = 1;
  const row = (bucket: number, value: number) => ({ ids: Uint32Array.of(bucket), values: Float32Array.of(value) });
  // 0–3 labeled (3 × a, 1 × b), 4–11 unlabeled: a-ish with rising confidence, then b-ish.
  const features = [row(0, 1), row(0, 1), row(0, 1), row(1, 1), ...[1, 2, 3, 4, 5, 6].map((v) => row(0, v)), row(1, 5), row(1, 1)];
  const labels = [[0, 1], [0, null], [0, null], [1, 0], ...Array.from({ length: 8 }, () => [null, null])];
  const unlabeled = [4, 5, 6, 7, 8, 9, 10, 11];

  it('fills the topic head only, in equal shares per class the labels show, most confident first', () => {
    const out = pseudoLabel({ weights: w, heads, features, labels, train: [0, 1, 2, 3], unlabeled, ratio: 1 });
    // Budget 4 = 1 × 4 labeled; a:b labels are 3:1 but the quotas are 2:2 → the 2 most confident
    // a-ish articles and both b-ish ones.
    expect(out.chosen).toEqual([8, 9, 10, 11]);
    expect(out.chosen.map((i) => out.labels[i])).toEqual([
      [0, null],
      [0, null],
      [1, null],
      [1, null],
    ]);
    // The labeled rows and the inputs stay as they were.
    expect(out.labels.slice(0, 4)).toEqual(labels.slice(0, 4));
    expect(labels[8]).toEqual([null, null]);
    // A class no label shows gets no pseudo-label, however confident the model is about it.
    const onlyA = pseudoLabel({ weights: w, heads, features, labels, train: [0, 1, 2], unlabeled, ratio: 1 });
    expect(onlyA.chosen).toEqual([7, 8, 9]);
  });

  it('never takes more than the corpus or the maximum, and nothing without a topic head or a ratio', () => {
    expect(pseudoLabel({ weights: w, heads, features, labels, train: [0, 1, 2, 3], unlabeled, ratio: 10 }).chosen.length).toBeLessThanOrEqual(8);
    // Budget 2 split 1:1: the best of each class.
    expect(pseudoLabel({ weights: w, heads, features, labels, train: [0, 1, 2, 3], unlabeled, ratio: 1, max: 2 }).chosen).toEqual([9, 10]);
    // Budget 3 over 2 classes: the quotas still sum to 3 (the tie goes to the first class).
    expect(pseudoLabel({ weights: w, heads, features, labels, train: [0, 1, 2, 3], unlabeled, ratio: 1, max: 3 }).chosen).toEqual([8, 9, 10]);
    expect(pseudoLabel({ weights: w, heads, features, labels, train: [0, 1, 2, 3], unlabeled, ratio: 0 }).chosen).toEqual([]);
    const stanceOnly = pseudoLabel({ weights: w, heads: [heads[1]!], features, labels, train: [0, 1, 2, 3], unlabeled, ratio: 1 });
    expect(stanceOnly.chosen).toEqual([]);
  });
});

// Three topics told apart by a core word each; the unlabeled articles pair each core word with a
// word no label ever shows (الملعب with المنتخب, …). Only a model that learned from them can
// classify a text made of the new words alone.
const CORE = { sport: 'المنتخب', economy: 'النفط', security: 'الإرهاب' } as const;
const NEW = { sport: 'الملعب الجماهير', economy: 'البورصة الأسهم', security: 'الثكنة المسلحين' } as const;
const FILLER = ['في الرباط', 'في تونس', 'في طرابلس', 'في الجزائر', 'في نواكشوط', 'في القاهرة'];
const SPEC: CodebookSpec = { version: 1, multiLabel: false, topics: Object.keys(CORE).map((key) => ({ key })), targets: [] };

function linkedCorpus(): { labeled: TrainingExample[]; unlabeled: string[] } {
  const labeled: TrainingExample[] = [];
  const unlabeled: string[] = [];
  for (const [topic, core] of Object.entries(CORE)) {
    FILLER.forEach((place, i) => {
      labeled.push({ id: `${topic}-${i}`, text: `خبر ${core} ${place}`, topics: [topic] });
      for (let k = 0; k < 4; k++) unlabeled.push(`تقرير ${core} ${NEW[topic as keyof typeof NEW]} ${FILLER[(i + k) % FILLER.length]}`);
    });
  }
  return { labeled, unlabeled };
}

describe('trainModel with unlabeled articles (self-training)', () => {
  it('learns words that only unlabeled articles show, next to the words the labels taught', async () => {
    const { labeled, unlabeled } = linkedCorpus();
    const probe = Object.entries(NEW).map(([topic, words]) => ({ topic, text: `تقرير ${words}` }));
    const labelsOnly = (await trainModel(labeled, SPEC, { seed: 2, ...FAST })).model;
    const withCorpus = (await trainModel(labeled, SPEC, { seed: 2, ...FAST, unlabeled })).model;
    const hits = (m: typeof labelsOnly) =>
      predict(
        m,
        probe.map((p) => p.text),
      ).filter((p, i) => p.topics[0]!.label === probe[i]!.topic).length;
    expect(hits(withCorpus)).toBe(probe.length);
    expect(hits(labelsOnly)).toBeLessThan(probe.length);
  });

  it('self-trains a multi-label topic head too (pseudo-labels are whole topic sets)', async () => {
    const { labeled, unlabeled } = linkedCorpus();
    const { model, report } = await trainModel(labeled, { ...SPEC, multiLabel: true }, { seed: 2, ...FAST, unlabeled });
    expect(report.unlabeled!.pseudoLabeled).toBeGreaterThan(0);
    const [p] = predict(model, [`تقرير ${NEW.economy}`]);
    expect(p!.topics[0]!.label).toBe('economy');
  });

  it('reports how many unlabeled articles it used, and keeps them out of the validation split', async () => {
    const { labeled, unlabeled } = linkedCorpus();
    const plain = await trainModel(labeled, SPEC, { seed: 2, ...FAST });
    const { report } = await trainModel(labeled, SPEC, { seed: 2, ...FAST, unlabeled });
    expect(report.validationSize).toBe(plain.report.validationSize);
    expect(report.trainingSize).toBe(plain.report.trainingSize);
    expect(report.unlabeled).toEqual({ articles: unlabeled.length, pseudoLabeled: expect.any(Number) });
    expect(report.unlabeled!.pseudoLabeled).toBeGreaterThan(0);
    expect(plain.report.unlabeled).toBeUndefined();
  });

  it('stops once the topic head has enough labels, and says so', async () => {
    const { labeled, unlabeled } = linkedCorpus();
    const plain = await trainModel(labeled, SPEC, { seed: 2, ...FAST });
    const enough = await trainModel(labeled, SPEC, { seed: 2, ...FAST, unlabeled, selfTrainUntil: labeled.length });
    expect(enough.report.unlabeled).toEqual({ articles: unlabeled.length, pseudoLabeled: 0, skipped: 'enough-labels' });
    expect(Buffer.from(enough.model.weights.kernel.buffer).equals(Buffer.from(plain.model.weights.kernel.buffer))).toBe(true);
    expect(formatTrainReport(enough.report)).toContain(`self-training over ${unlabeled.length} unlabeled articles: not used: the topic head has enough labels`);
    const below = await trainModel(labeled, SPEC, { seed: 2, ...FAST, unlabeled, selfTrainUntil: labeled.length + 1 });
    expect(below.report.unlabeled!.skipped).toBeUndefined();
    expect(formatTrainReport(below.report)).toMatch(
      new RegExp(`self-training: the topic head also learned from \\d+ of ${unlabeled.length} unlabeled articles`),
    );
  });

  it('with no unlabeled article, or a ratio of 0, trains exactly the labels-only model', async () => {
    const plain = await trainModel(toyCorpus(), TOY_SPEC, { seed: 4, ...FAST });
    const none = await trainModel(toyCorpus(), TOY_SPEC, { seed: 4, ...FAST, unlabeled: [] });
    const off = await trainModel(toyCorpus(), TOY_SPEC, { seed: 4, ...FAST, unlabeled: linkedCorpus().unlabeled, selfTrainRatio: 0 });
    expect(Buffer.from(none.model.weights.kernel.buffer).equals(Buffer.from(plain.model.weights.kernel.buffer))).toBe(true);
    expect(Buffer.from(off.model.weights.kernel.buffer).equals(Buffer.from(plain.model.weights.kernel.buffer))).toBe(true);
    expect(none.report.unlabeled).toBeUndefined();
    expect(off.report.unlabeled?.skipped).toBe('off');
  });
});
