import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, tokenize } from '../../src/text/pipeline.js';

const segmenter = new Intl.Segmenter('ar', { granularity: 'word' });
const segmenterWords = (s: string) => [...segmenter.segment(s)].filter((x) => x.isWordLike).map((x) => x.segment);

describe('tokenize', () => {
  it('splits mixed Arabic, French and English', () => {
    expect(tokenize("le maroc et l'algérie: التعاون الامني بين المغرب والجزاير - security cooperation")).toEqual([
      'le',
      'maroc',
      'et',
      "l'algérie",
      'التعاون',
      'الامني',
      'بين',
      'المغرب',
      'والجزاير',
      'security',
      'cooperation',
    ]);
  });

  it('keeps typed tokens whole and drops punctuation', () => {
    expect(tokenize('قتل <num> شخصا, حسب <url> ! <user> <emoji> <email>')).toEqual(['قتل', '<num>', 'شخصا', 'حسب', '<url>', '<user>', '<emoji>', '<email>']);
  });

  it('follows the word-break rules for numbers and inner punctuation', () => {
    expect(tokenize('3.5 3,5 a.b e.g covid19 12ab a;b 3;4 x:y')).toEqual(['3.5', '3,5', 'a.b', 'e.g', 'covid19', '12ab', 'a', 'b', '3;4', 'x:y']);
  });

  it('handles scripts that need dictionary segmentation through Intl.Segmenter', () => {
    const s = 'المغرب ภาษาไทยง่าย 日本語 Sahel';
    expect(tokenize(s)).toEqual(segmenterWords(s));
    expect(tokenize(s)).toContain('Sahel');
  });

  it('returns [] for empty and punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' ، . ! ؟ ')).toEqual([]);
  });

  it('works on normalized real text', () => {
    const n = normalize('قالت وزارةُ الخارجية الجزائرية، في بيانٍ لها يوم ٣ نوفمبر، إن «الحوار» هو السبيل.');
    expect(tokenize(n)).toEqual(['قالت', 'وزارة', 'الخارجية', 'الجزايرية', 'في', 'بيان', 'لها', 'يوم', '<num>', 'نوفمبر', 'ان', 'الحوار', 'هو', 'السبيل']);
  });

  // The hand-written scanner must give exactly Intl.Segmenter's word-like segments.
  it('equals Intl.Segmenter on random text over Arabic, Latin, digits and punctuation', () => {
    const alphabet = [
      ...'abéZ',
      ...'بتاـ',
      ...'19٣۴',
      ...' \n\t',
      ...`.,;:'"-!?()/@#_`,
      '،',
      '؟',
      '؛',
      '«',
      '»',
      '٫',
      '٬',
      '\u064E',
      '\u200C',
      '\u00A0',
      '<',
      '>',
      'ก',
      '語',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const s = chars.join('');
        expect(tokenize(s)).toEqual(segmenterWords(s));
      }),
      { numRuns: 3000 },
    );
  });
});
