import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PIPELINE,
  KIND_SEEDS,
  alignTokens,
  termMatchesToken,
  applyIdf,
  bucketOf,
  featureTerms,
  featurize,
  fitIdf,
  hash32,
  normalize,
  resolvePipelineConfig,
} from '../../src/text/pipeline.js';
import type { FeatureTerm, SparseVector } from '../../src/text/pipeline.js';

const TEXT = 'أكدت الجزائر والمغرب على أهمية التعاون الأمني في مكافحة الإرهاب بمنطقة الساحل. Coopération sécuritaire!';

function expectWellFormed(v: SparseVector, bits: number) {
  expect(v.ids.length).toBe(v.values.length);
  for (let i = 0; i < v.ids.length; i++) {
    expect(v.ids[i]!).toBeLessThan(2 ** bits);
    if (i > 0) expect(v.ids[i]!).toBeGreaterThan(v.ids[i - 1]!);
    expect(v.values[i]!).toBeGreaterThan(0);
  }
}

describe('featurize', () => {
  it('gives ascending unique ids below 2^hashBits with positive values', () => {
    for (const bits of [8, 12, 18, 24]) {
      const config = resolvePipelineConfig({ features: { hashBits: bits } });
      const v = featurize(TEXT, config);
      expect(v.ids.length).toBeGreaterThan(50);
      expectWellFormed(v, bits);
    }
  });

  it('counts raw tf, or 1 + ln(tf) when sublinear', () => {
    const raw = resolvePipelineConfig({
      features: { wordBigrams: false, stems: false, charNgrams: null, sublinearTf: false },
    });
    const v = featurize('الأمن الأمن الأمن المغرب', raw);
    expect([...v.values].sort()).toEqual([1, 3]);
    const sub = resolvePipelineConfig({ features: { wordBigrams: false, stems: false, charNgrams: null, sublinearTf: true } });
    expect([...featurize('الأمن الأمن الأمن المغرب', sub).values].sort()).toEqual([1, Math.fround(1 + Math.log(3))]);
  });

  it('gives the same vector on the dense (≤ 2^22) and sorting (> 2^22) paths', () => {
    const words = TEXT + ' ' + TEXT.split(' ').reverse().join(' ');
    const a = featurize(words, resolvePipelineConfig({ features: { hashBits: 22 } }));
    const b = featurize(words, resolvePipelineConfig({ features: { hashBits: 23 } }));
    // 23-bit ids are 22-bit ids with one more low bit: merge them back and compare tf mass per bucket.
    const merged = new Map<number, number>();
    b.ids.forEach((id) => merged.set(id >>> 1, (merged.get(id >>> 1) ?? 0) + 1));
    expect(a.ids.length).toBeLessThanOrEqual(b.ids.length);
    expect([...merged.keys()].sort((x, y) => x - y)).toEqual([...a.ids]);
  });

  it('counts past 65,535 occurrences exactly', () => {
    const raw = resolvePipelineConfig({ features: { wordBigrams: false, stems: false, charNgrams: null, sublinearTf: false } });
    const v = featurize('و '.repeat(70_000) + 'لا', raw);
    expect([...v.values].sort((a, b) => a - b)).toEqual([1, 70_000]);
    expect([...featurize('و '.repeat(70_000), raw).values]).toEqual([70_000]);
  });

  it('is the empty vector for empty or punctuation-only text', () => {
    expect(featurize('', DEFAULT_PIPELINE).ids.length).toBe(0);
    expect(featurize(' ... ، ؟ ', DEFAULT_PIPELINE).ids.length).toBe(0);
  });

  it('repeated calls do not leak counts into each other', () => {
    const first = featurize(TEXT, DEFAULT_PIPELINE);
    featureTerms('شيء آخر تماما', DEFAULT_PIPELINE);
    featurize('كلمات أخرى 12 https://x.y', DEFAULT_PIPELINE);
    const again = featurize(TEXT, DEFAULT_PIPELINE);
    expect([...again.ids]).toEqual([...first.ids]);
    expect([...again.values]).toEqual([...first.values]);
  });

  it('each feature family can be switched off', () => {
    const kinds = (over: object) => new Set(featureTerms(TEXT, resolvePipelineConfig({ features: over })).map((t) => t.kind));
    expect(kinds({})).toEqual(new Set(['word', 'bigram', 'stem', 'char']));
    expect(kinds({ wordUnigrams: false }).has('word')).toBe(false);
    expect(kinds({ wordBigrams: false }).has('bigram')).toBe(false);
    expect(kinds({ stems: false }).has('stem')).toBe(false);
    expect(kinds({ charNgrams: null }).has('char')).toBe(false);
  });
});

describe('featureTerms', () => {
  it('lists the features featurize counts, with readable terms', () => {
    const terms = featureTerms(TEXT, DEFAULT_PIPELINE);
    const ids = new Set(terms.map((t) => t.id));
    expect([...ids].sort((a, b) => a - b)).toEqual([...featurize(TEXT, DEFAULT_PIPELINE).ids]);
    const words = terms.filter((t) => t.kind === 'word').map((t) => t.term);
    expect(words).toContain('الجزاير');
    expect(words).toContain('coopération');
    expect(terms.filter((t) => t.kind === 'bigram').map((t) => t.term)).toContain('التعاون الامني');
  });

  it('each id is the bucket of hash32(term, seed of its kind)', () => {
    for (const t of featureTerms(TEXT, DEFAULT_PIPELINE)) {
      expect(t.id).toBe(bucketOf(hash32(t.term, KIND_SEEDS[t.kind]), DEFAULT_PIPELINE.features.hashBits));
    }
  });

  it('character n-grams stay within words, with spaces marking word edges', () => {
    const chars = featureTerms('المغرب مصر', DEFAULT_PIPELINE)
      .filter((t) => t.kind === 'char')
      .map((t) => t.term);
    expect(chars).toContain(' ال');
    expect(chars).toContain('رب ');
    expect(chars).toContain(' مصر ');
    expect(chars.some((c) => c.trim().includes(' '))).toBe(false);
    const lengths = chars.map((c) => c.length);
    expect(Math.min(...lengths)).toBe(2);
    expect(Math.max(...lengths)).toBe(5);
  });

  it('typed tokens are words and bigrams only', () => {
    const terms = featureTerms('قتل 12', DEFAULT_PIPELINE);
    expect(
      terms
        .filter((t) => t.term.includes('<num>'))
        .map((t) => t.kind)
        .sort(),
    ).toEqual(['bigram', 'word']);
  });

  it('the same string as different kinds lands in different buckets', () => {
    // "مغرب" as a word, as the stem of المغرب and as the char 4-gram inside it.
    const word = featureTerms('مغرب', DEFAULT_PIPELINE).find((t) => t.kind === 'word')!;
    const stem = featureTerms('المغرب', DEFAULT_PIPELINE).find((t) => t.kind === 'stem' && t.term === 'مغرب')!;
    const char = featureTerms('المغرب', DEFAULT_PIPELINE).find((t) => t.kind === 'char' && t.term === 'مغرب')!;
    expect(new Set([word.id, stem.id, char.id]).size).toBe(3);
  });
});

describe('fitIdf and applyIdf', () => {
  const docs: SparseVector[] = [
    { ids: Uint32Array.from([0, 1]), values: Float32Array.from([1, 1]) },
    { ids: Uint32Array.from([1, 2]), values: Float32Array.from([2, 1]) },
    { ids: Uint32Array.from([1]), values: Float32Array.from([1]) },
  ];

  it('fits smooth idf ln((1+N)/(1+df)) + 1', () => {
    const idf = fitIdf(docs, 8);
    expect(idf.length).toBe(256);
    expect(idf[1]).toBeCloseTo(Math.log(4 / 4) + 1, 6); // in every doc
    expect(idf[0]).toBeCloseTo(Math.log(4 / 2) + 1, 6);
    expect(idf[3]).toBeCloseTo(Math.log(4 / 1) + 1, 6); // never seen
  });

  it('weights by idf, L2-normalizes, and leaves the input untouched', () => {
    const idf = fitIdf(docs, 8);
    const v = docs[1]!;
    const w = applyIdf(v, idf);
    const a = 2 * idf[1]!;
    const b = 1 * idf[2]!;
    const norm = Math.hypot(a, b);
    expect(w.values[0]).toBeCloseTo(a / norm, 6);
    expect(w.values[1]).toBeCloseTo(b / norm, 6);
    expect([...v.values]).toEqual([2, 1]);
    expect(w.ids).not.toBe(v.ids);
    expect(applyIdf({ ids: new Uint32Array(0), values: new Float32Array(0) }, idf).ids.length).toBe(0);
  });

  it('works on real featurized text', () => {
    const vs = ['المغرب والجزائر', 'ليبيا وتونس', 'المغرب وليبيا'].map((t) => featurize(t, DEFAULT_PIPELINE));
    const idf = fitIdf(vs, DEFAULT_PIPELINE.features.hashBits);
    const w = applyIdf(vs[0]!, idf);
    expect(w.values.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 5);
    expect(normalize('المغرب')).toBe('المغرب');
  });
});

describe('alignTokens and termMatchesToken', () => {
  it('maps raw words (with diacritics and kashida) to offsets and normalized tokens', () => {
    const raw = 'أكدَ المغـــرب، في ٢٠٢٣';
    const aligned = alignTokens(raw, DEFAULT_PIPELINE.normalize);
    expect(aligned.map((a) => raw.slice(a.start, a.end))).toEqual(['أكدَ', 'المغـــرب', 'في', '٢٠٢٣']);
    expect(aligned.map((a) => a.tokens)).toEqual([['اكد'], ['المغرب'], ['في'], ['<num>']]);
  });

  it('finds the raw words behind each kind of feature', () => {
    const raw = 'والحكومة الليبية';
    const terms = featureTerms(raw, DEFAULT_PIPELINE);
    const aligned = alignTokens(raw, DEFAULT_PIPELINE.normalize);
    const hits = (t: FeatureTerm) => aligned.filter((a) => a.tokens.some((tok) => termMatchesToken(t, tok))).map((a) => raw.slice(a.start, a.end));
    const stem = terms.find((t) => t.kind === 'stem' && t.term === 'حكوم')!;
    expect(hits(stem)).toEqual(['والحكومة']);
    const bigram = terms.find((t) => t.kind === 'bigram')!;
    expect(hits(bigram)).toEqual(['والحكومة', 'الليبية']);
    const char = terms.find((t) => t.kind === 'char' && t.term === ' ال')!;
    expect(hits(char)).toEqual(['الليبية']);
  });
});
