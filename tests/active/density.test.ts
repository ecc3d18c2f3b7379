import { describe, expect, it } from 'vitest';
import { density, wordVectors } from '../../src/active/density.js';
import { SUBJECTS } from '../model/toy.js';

// Twelve articles about the economy, in varied words, and one about something else entirely.
function corpus(): string[] {
  const eco = SUBJECTS['economy']!;
  const texts: string[] = [];
  for (let i = 0; i < 12; i++) texts.push(`${eco[i % eco.length]} وارتفاع الأسعار في السوق والبنك المركزي ${i % 3 === 0 ? 'والتضخم' : 'والميزانية'}.`);
  texts.push('قصيدة عن البحر والقمر والليل في قرية جبلية بعيدة.');
  return texts;
}

describe('density: how typical an article is of the corpus', () => {
  it('is the mean cosine similarity to the references, computed through their mean vector', async () => {
    const texts = corpus();
    const v = await wordVectors(texts);
    const d = density(v);
    for (let j = 0; j < texts.length; j++) {
      const s = v.similarities(j);
      // Similarity is symmetric: the mean of column j over every reference.
      const byHand = Array.from(texts.keys()).reduce((a, r) => a + v.similarities(r)[j]!, 0) / texts.length;
      expect(d[j]).toBeCloseTo(byHand, 5);
      expect(s[j]).toBeCloseTo(1, 5);
    }
  });

  it('ranks the outlier last and every article of the common subject above it', async () => {
    const d = density(await wordVectors(corpus()));
    const outlier = d[12]!;
    for (let j = 0; j < 12; j++) expect(d[j]!).toBeGreaterThan(outlier + 0.1);
  });

  it('a seeded sample of references gives the same densities for the same seed', async () => {
    const v = await wordVectors(corpus());
    const a = density(v, { references: 5, seed: 3 });
    expect(Array.from(density(v, { references: 5, seed: 3 }))).toEqual(Array.from(a));
    expect(Array.from(density(v, { references: 5, seed: 4 }))).not.toEqual(Array.from(a));
  });

  it('pauses while it reads many texts, and an empty corpus has no densities', async () => {
    let pauses = 0;
    const texts = Array.from({ length: 200 }, (_, i) => corpus()[i % 13]!);
    await wordVectors(texts, async () => void pauses++);
    expect(pauses).toBe(3);
    expect(density(await wordVectors([]))).toHaveLength(0);
  });
});
