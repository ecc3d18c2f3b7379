import { describe, expect, it } from 'vitest';
import { vectorizeTexts } from '../../src/model/train/vectorize.js';
import { toyCorpus } from './toy.js';

describe('vectorizing for training', () => {
  for (const featureBlocks of ['joint', 'word+char'] as const) {
    it(`gives the same raw vectors with a helper thread as without (${featureBlocks})`, async () => {
      const texts = toyCorpus().map((ex) => ex.text);
      const alone = await vectorizeTexts(texts, { featureBlocks, threads: 1 });
      const helped = await vectorizeTexts(texts, { featureBlocks, threads: 2, minTexts: 0 });
      expect(helped.raw).toHaveLength(texts.length);
      helped.raw.forEach((parts, i) => {
        expect(parts).toHaveLength(alone.raw[i]!.length);
        parts.forEach((p, b) => {
          expect(Array.from(p.ids)).toEqual(Array.from(alone.raw[i]![b]!.ids));
          expect(Array.from(p.values)).toEqual(Array.from(alone.raw[i]![b]!.values));
        });
      });
    });
  }
});
