import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE, contentHash, featureTerms, featurize, hash32, normalize, resolvePipelineConfig, tokenize } from '../../src/text/pipeline.js';
import type { NormalizeOptions } from '../../src/text/pipeline.js';
import { NUMBER_RULE, replaceNumbers } from '../../src/text/normalize.js';

const here = dirname(fileURLToPath(import.meta.url));

// Any UTF-16 code units (lone surrogates and controls included), and text built from the characters
// the rules care about, so that the interesting paths are actually reached.
const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 60 }).map((cs) => String.fromCharCode(...cs));
const PIECES = [
  ...'اأإآٱىيةهؤئوبلكفـ',
  '\u064B',
  '\u064E',
  '\u0651',
  '\u0652',
  '\u0670',
  '\u0653',
  '\u0654',
  '\u0655',
  ...'٠١٢۳۴0129',
  ...'،؛؟«»٫٬…“”',
  ...'aAbÉİ ',
  '\n',
  '\t',
  '\u00A0',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u200E',
  '\u200F',
  '\uFEFF',
  '\u202B',
  '\uD800',
  '\uDC00',
  '😀',
  '🇲',
  '🏽',
  '\uFE0F',
  '👨\u200D👩',
  '@',
  '.',
  ',',
  '_',
  'http://x.y',
  'www.',
  'https://a.ma/1?x=2',
  'a@b.co',
  '@user',
  '12',
  '3.5',
  '<url>',
  '<num>',
  '<',
  '>',
  'e\u0301',
  '\u0301',
];
const arabicish = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((xs) => xs.join(''));
const text = fc.oneof(anyUnits, arabicish, fc.string({ unit: 'binary', maxLength: 40 }));
const KEYS = Object.keys(DEFAULT_PIPELINE.normalize) as (keyof NormalizeOptions)[];
const options = fc
  .array(fc.boolean(), { minLength: KEYS.length, maxLength: KEYS.length })
  .map((bs) => Object.fromEntries(KEYS.map((k, i) => [k, bs[i]])) as unknown as NormalizeOptions);

describe('properties', () => {
  it('normalize is idempotent with the defaults', () => {
    fc.assert(
      fc.property(text, (s) => {
        const once = normalize(s);
        expect(normalize(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('normalize is idempotent for every combination of steps', () => {
    fc.assert(
      fc.property(text, options, (s, o) => {
        const once = normalize(s, o);
        expect(normalize(once, o)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('nothing throws on arbitrary strings, and outputs are well formed', () => {
    const config = resolvePipelineConfig({ features: { hashBits: 12 } });
    fc.assert(
      fc.property(text, (s) => {
        const v = featurize(s, config);
        for (let i = 1; i < v.ids.length; i++) expect(v.ids[i]!).toBeGreaterThan(v.ids[i - 1]!);
        for (const x of v.values) expect(Number.isFinite(x) && x > 0).toBe(true);
        tokenize(s);
        featureTerms(s, config);
        expect(contentHash(s)).toMatch(/^[0-9a-f]{64}$/);
        expect(hash32(s)).toBe(hash32(s));
      }),
      { numRuns: 1500 },
    );
  });

  it('the hand-written number pass equals its regex definition', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'01٢۳.,٫٬ a_@-😀𝐀'), { maxLength: 25 }), (cs) => {
        const s = cs.join('');
        expect(replaceNumbers(s)).toBe(s.replace(NUMBER_RULE, ' <num> '));
      }),
      { numRuns: 3000 },
    );
  });

  it('handles the empty string', () => {
    expect(normalize('')).toBe('');
    expect(tokenize('')).toEqual([]);
    expect(featurize('', DEFAULT_PIPELINE).ids.length).toBe(0);
    expect(featureTerms('', DEFAULT_PIPELINE)).toEqual([]);
  });

  it('handles 1 MB inputs: random code units, and one 1 MB word', () => {
    const random = Array.from({ length: 1 << 20 }, (_, i) => String.fromCharCode((Math.imul(i, 2654435761) >>> 16) & 0xffff)).join('');
    expect(featurize(random, DEFAULT_PIPELINE).ids.length).toBeGreaterThan(0);
    const word = 'المغرب'.repeat(175_000);
    const v = featurize(word, DEFAULT_PIPELINE);
    expect(v.ids.length).toBe(2); // the word and its stem: no bigram, no n-grams for a 1 MB token
    expect(normalize(normalize(random))).toBe(normalize(random));
    const spaced = 'الأمن في الساحل 2023 '.repeat(50_000);
    const w = featurize(spaced, resolvePipelineConfig({ features: { wordBigrams: false, stems: false, charNgrams: null } }));
    expect(w.ids.length).toBe(4);
    for (const x of w.values) expect(x).toBeCloseTo(1 + Math.log(50_000), 4);
  });

  it('hashing and featurization are deterministic across processes', () => {
    const texts = [
      'أكدت الجزائر والمغرب على أهمية التعاون الأمني في مكافحة الإرهاب بمنطقة الساحل.',
      'Le Maroc et la Libye: coopération sécuritaire, 2023 https://x.ma @UN 😀',
      '',
      'x\uD800y\u200F',
    ];
    const out = execFileSync('npx', ['tsx', join(here, 'fixtures', 'featurize-stdin.ts')], {
      input: JSON.stringify(texts),
      encoding: 'utf8',
    });
    const other = JSON.parse(out) as { ids: number[]; values: number[]; hash: number; content: string }[];
    texts.forEach((t, i) => {
      const v = featurize(t, DEFAULT_PIPELINE);
      expect(other[i]!.ids).toEqual([...v.ids]);
      expect(other[i]!.values).toEqual([...v.values]);
      expect(other[i]!.hash).toBe(hash32(t));
      expect(other[i]!.content).toBe(contentHash(t));
    });
  });
});
