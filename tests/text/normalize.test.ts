import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE, normalize } from '../../src/text/pipeline.js';
import type { NormalizeOptions } from '../../src/text/pipeline.js';

const NONE: NormalizeOptions = {
  nfc: false,
  stripDiacritics: false,
  stripTatweel: false,
  unifyAlef: false,
  alefMaqsura: false,
  taaMarbuta: false,
  hamzaSeats: false,
  digits: false,
  punctuation: false,
  lowercaseLatin: false,
  typedTokens: false,
  cleanInvisible: false,
};
const only = (...steps: (keyof NormalizeOptions)[]): NormalizeOptions =>
  Object.fromEntries(Object.keys(NONE).map((k) => [k, steps.includes(k as keyof NormalizeOptions)])) as unknown as NormalizeOptions;
const ALL: NormalizeOptions = only(...(Object.keys(NONE) as (keyof NormalizeOptions)[]));

describe('normalize: each rule on its own', () => {
  it('with every step off, changes nothing', () => {
    const s = 'إنَّ  الأمنَ ـ ٢٠٢٣ «مهم»\u200F؟ HTTP://x.y';
    expect(normalize(s, NONE)).toBe(s);
  });

  it('nfc composes alef + combining hamza into أ', () => {
    expect(normalize('\u0627\u0654\u0645\u0646', only('nfc'))).toBe('أمن');
  });

  it('stripDiacritics removes harakat, tanwin, shadda, sukun and dagger alef', () => {
    expect(normalize('الأَمْنُ', only('stripDiacritics'))).toBe('الأمن'); // fatha, sukun, damma
    expect(normalize('تعاونًا أمنيًّا', only('stripDiacritics'))).toBe('تعاونا أمنيا'); // tanwin, shadda
    expect(normalize('هٰذا', only('stripDiacritics'))).toBe('هذا'); // dagger alef
    expect(normalize('مُكافَحةُ الإرهابِ', only('stripDiacritics'))).toBe('مكافحة الإرهاب'); // kasra
  });

  it('stripTatweel removes kashida', () => {
    expect(normalize('المغـــرب', only('stripTatweel'))).toBe('المغرب');
  });

  it('unifyAlef maps إ أ آ ٱ to ا', () => {
    expect(normalize('إرهاب أمن آفاق ٱلله', only('unifyAlef'))).toBe('ارهاب امن افاق الله');
  });

  it('alefMaqsura maps ى to ي', () => {
    expect(normalize('على مستوى', only('alefMaqsura'))).toBe('علي مستوي');
  });

  it('taaMarbuta maps ة to ه', () => {
    expect(normalize('الحكومة الليبية', only('taaMarbuta'))).toBe('الحكومه الليبيه');
  });

  it('hamzaSeats maps ؤ to و and ئ to ي', () => {
    expect(normalize('مؤتمر الجزائر', only('hamzaSeats'))).toBe('موتمر الجزاير');
  });

  it('digits maps Arabic-Indic and Persian digits to ASCII', () => {
    expect(normalize('عام ٢٠٢٣ و ۱۴۰۲', only('digits'))).toBe('عام 2023 و 1402');
  });

  it('punctuation maps Arabic and typographic marks to ASCII', () => {
    expect(normalize('قال، ثم؛ لماذا؟ «نعم» ٪٥ – “x” ‘y’', only('punctuation'))).toBe('قال, ثم; لماذا? "نعم" %٥ - "x" \'y\'');
  });

  it('lowercaseLatin lower-cases Latin only', () => {
    expect(normalize('La SÉCURITÉ au Sahel İ', only('lowercaseLatin'))).toBe('la sécurité au sahel i');
    expect(normalize('ΑΘΗΝΑ المغرب', only('lowercaseLatin'))).toBe('ΑΘΗΝΑ المغرب');
  });

  it('cleanInvisible drops LRM/RLM, ZWNJ, BOM, bidi controls and collapses whitespace', () => {
    expect(normalize('\uFEFF  الرباط\u200F  و\u200Cالجزائر\t\n\u00A0تونس\u202B \u202C ', only('cleanInvisible'))).toBe('الرباط والجزائر تونس');
    expect(normalize('a\u0000b\u001Fc\u0085d', only('cleanInvisible'))).toBe('abc d');
  });

  it('cleanInvisible drops lone surrogates but keeps pairs and emoji ZWJ sequences', () => {
    expect(normalize('a\uD800b\uDC00c😀', only('cleanInvisible'))).toBe('abc😀');
    const family = '👨\u200D👩\u200D👧';
    expect(normalize(`x ${family}`, only('cleanInvisible'))).toBe(`x ${family}`);
  });

  it('typedTokens replaces URLs, emails, mentions, numbers and emoji', () => {
    const o = only('typedTokens', 'cleanInvisible');
    expect(normalize('راجع https://www.hespress.com/politique/123.html.', o)).toBe('راجع <url> .');
    expect(normalize('موقع www.aps.dz اليوم', o)).toBe('موقع <url> اليوم');
    expect(normalize('راسلونا على info@mizan.ma', o)).toBe('راسلونا على <email>');
    expect(normalize('@UN_News يقول', o)).toBe('<user> يقول');
    expect(normalize('قتل 12 و 3.5 بالمئة 1,000', o)).toBe('قتل <num> و <num> بالمئة <num>');
    expect(normalize('فرحانين 😅👍🏽 🇲🇦', o)).toBe('فرحانين <emoji> <emoji> <emoji>');
  });

  it('typedTokens leaves digits inside words alone', () => {
    const o = only('typedTokens', 'cleanInvisible');
    expect(normalize('covid19 g5 س2', o)).toBe('covid19 g5 س2');
    expect(normalize('12@ab', o)).toBe('12@ab');
  });
});

describe('normalize: defaults', () => {
  it('DEFAULT_PIPELINE.normalize is the default', () => {
    const s = 'قالَ وزيرُ الخارجيةِ: «التعاون الأمني» مستمر ٢٠٢٣';
    expect(normalize(s)).toBe(normalize(s, DEFAULT_PIPELINE.normalize));
  });

  it('a news sentence with everything on', () => {
    expect(normalize('أعلنَ وزيرُ الداخليّة، يوم ١٥ مارس، عن إحباط مخطط إرهابي… https://t.co/x', ALL)).toBe(
      'اعلن وزير الداخليه, يوم <num> مارس, عن احباط مخطط ارهابي. <url>',
    );
  });

  it('never returns leading, trailing or double spaces when cleanInvisible is on', () => {
    for (const s of ['  @a  @b  ', ' 1 2 3 ', '\u200F\u200F', '😀😀']) {
      const n = normalize(s, ALL);
      expect(n).toBe(n.trim());
      expect(n).not.toMatch(/ {2}/);
    }
  });
});

describe('normalize: typed tokens without lower-casing', () => {
  it('finds URLs in any case', () => {
    const o = { ...DEFAULT_PIPELINE.normalize, lowercaseLatin: false };
    expect(normalize('Voir Https://Le360.ma/Politique et WWW.APS.DZ', o)).toBe('Voir <url> et <url>');
  });
});
