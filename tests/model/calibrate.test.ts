// calibrate: 'all' fits a temperature for the pure Adagrad heads too: scores move, decisions do not.
import { describe, expect, it } from 'vitest';
import { predict } from '../../src/model/predict.js';
import { trainModel } from '../../src/model/train.js';
import { TOY_SPEC, toyCorpus, toyHeldOut } from './toy.js';

const OPTS = { seed: 3, epochs: 6, validationFraction: 0.25, hashBits: 12 } as const;

describe("calibrate: 'all' (the default)", () => {
  it('records a temperature for the Adagrad stance head and keeps every decision', async () => {
    const plain = await trainModel(toyCorpus(), TOY_SPEC, { ...OPTS, calibrate: 'svm' });
    const cal = await trainModel(toyCorpus(), TOY_SPEC, OPTS); // the default
    expect(plain.model.metadata.training.solver!.temperatures).not.toHaveProperty('stance:algeria');
    const t = cal.model.metadata.training.solver!.temperatures!['stance:algeria']!;
    expect(t).toBeGreaterThan(0);
    const texts = toyHeldOut().map((h) => h.text);
    const a = predict(plain.model, texts);
    const b = predict(cal.model, texts);
    expect(b.map((p) => p.stance['algeria']!.label)).toEqual(a.map((p) => p.stance['algeria']!.label));
    expect(b.map((p) => p.topics[0]!.label)).toEqual(a.map((p) => p.topics[0]!.label));
    expect(cal.report.heads.map((h) => h.macroF1)).toEqual(plain.report.heads.map((h) => h.macroF1));
    if (t !== 1) expect(b[0]!.stance['algeria']!.score).not.toBe(a[0]!.stance['algeria']!.score);
  });

  it('keeps T = 1 for an Adagrad head with few held-out labels, so a small perfect split does not make every score 1', async () => {
    const { model } = await trainModel(toyCorpus(), TOY_SPEC, { seed: 1, epochs: 10, validationFraction: 0.1, hashBits: 12 });
    expect(model.metadata.training.solver?.temperatures?.['stance:algeria'] ?? 1).toBe(1);
    const scores = predict(
      model,
      toyHeldOut().map((h) => h.text),
    ).map((p) => p.stance['algeria']!.score);
    expect(Math.max(...scores)).toBeLessThan(0.999);
  });
});
