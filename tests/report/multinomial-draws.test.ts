import { describe, expect, it } from 'vitest';
import { MultinomialDraws } from '../../src/report/multinomial-draws.js';
import { multinomial, seededRng } from '../../src/report/random.js';

describe('MultinomialDraws', () => {
  it('draws what multinomial() draws, uniform for uniform', () => {
    const shares: number[][] = [
      [0.4, 0.05, 0.2, 0.02, 0.3, 0.03],
      [0.9, 0.1],
      [0.5, 0.5],
      [0.7, 0.2, 0.1], // the first binomial flipped (p > ½)
      [0, 0.3, 0, 0.7], // zero shares
      [1, 0, 0],
      [0.2, 0.3, 0.5, 0, 0], // mass runs out before the last category
      [0.25, 0.25, 0.25, 0.25],
    ];
    for (const probs of shares) {
      for (const n of [1, 3, 17, 174, 1000, 20_000]) {
        const a = seededRng(n);
        const b = seededRng(n);
        const sampler = new MultinomialDraws(probs);
        const got = new Float64Array(probs.length);
        for (let t = 0; t < 200; t++) {
          const want = multinomial(n, probs, a);
          sampler.drawInto(n, b, got);
          expect([...got]).toEqual(want);
        }
        expect(b()).toBe(a()); // the same number of uniforms used
      }
    }
  });
});
