import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseArabicDate } from '../../src/ingest/parse/dates/parse-date.js';

const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

describe('parseArabicDate: month series', () => {
  const egyptian = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
  const levantine = ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'];
  const algerian = ['جانفي', 'فيفري', 'مارس', 'أفريل', 'ماي', 'جوان', 'جويلية', 'أوت', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
  const moroccan = ['يناير', 'فبراير', 'مارس', 'أبريل', 'ماي', 'يونيو', 'يوليوز', 'غشت', 'شتنبر', 'أكتوبر', 'نونبر', 'دجنبر'];
  const french = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
  for (const [series, names] of Object.entries({ egyptian, levantine, algerian, moroccan, french })) {
    it(`reads every ${series} month`, () => {
      names.forEach((name, i) => {
        const parsed = parseArabicDate(`صدر يوم 9 ${name} 2021 في الرباط`);
        expect(parsed?.date, `${series} ${name}`).toEqual(utc(2021, i + 1, 9));
        expect(parsed?.partial).toBe(false);
      });
    });
  }

  it('accepts the article ال and spelling variants of April', () => {
    for (const april of ['أبريل', 'ابريل', 'إبريل', 'الأبريل']) expect(parseArabicDate(`3 ${april} 2020`)?.date).toEqual(utc(2020, 4, 3));
    expect(parseArabicDate('5 تشرين أول 2018')?.date).toEqual(utc(2018, 10, 5));
    expect(parseArabicDate('5 يونيه 2018')?.date).toEqual(utc(2018, 6, 5));
  });

  it('tells كانون الثاني (January) from كانون الأول (December)', () => {
    expect(parseArabicDate('1 كانون الثاني 2020')?.date).toEqual(utc(2020, 1, 1));
    expect(parseArabicDate('1 كانون الأول 2020')?.date).toEqual(utc(2020, 12, 1));
  });

  it('reads double names such as "آب/أغسطس" and "تموز (يوليو)"', () => {
    expect(parseArabicDate('3 آب/أغسطس 2015')?.date).toEqual(utc(2015, 8, 3));
    expect(parseArabicDate('3 تموز (يوليو) 2015')?.date).toEqual(utc(2015, 7, 3));
  });
});

describe('parseArabicDate: digits, day names and times', () => {
  it('reads Arabic-Indic and Persian digits', () => {
    expect(parseArabicDate('الخميس ١٤ تشرين الثاني ٢٠١٩')?.date).toEqual(utc(2019, 11, 14));
    expect(parseArabicDate('۲۳ يوليو ۲۰۱۶')?.date).toEqual(utc(2016, 7, 23));
  });

  it('keeps the day name and the time in the text as found', () => {
    const parsed = parseArabicDate('القاهرة - بوابة الوسط السبت 23 يوليو 2016, 08:09 مساء');
    expect(parsed).toEqual({ date: utc(2016, 7, 23, 20, 9), text: 'السبت 23 يوليو 2016, 08:09 مساء', partial: false });
  });

  it('turns صباحا/مساء/ص/م/am/pm into a 24-hour wall-clock time (UTC)', () => {
    expect(parseArabicDate('الأربعاء 07 ديسمبر 2016, 11:47 صباحا')?.date).toEqual(utc(2016, 12, 7, 11, 47));
    expect(parseArabicDate('الخميس ١٤ تشرين الثاني ٢٠١٩ - ٠٩:٣٠ مساءً')?.date).toEqual(utc(2019, 11, 14, 21, 30));
    expect(parseArabicDate('10 مارس 2020 - 12:15 ص')?.date).toEqual(utc(2020, 3, 10, 0, 15));
    expect(parseArabicDate('10 مارس 2020 - 12:15 م')?.date).toEqual(utc(2020, 3, 10, 12, 15));
    expect(parseArabicDate('10 مارس 2020 03:05 م')?.date).toEqual(utc(2020, 3, 10, 15, 5));
    expect(parseArabicDate('July 23, 2016 8:09 pm')?.date).toEqual(utc(2016, 7, 23, 20, 9));
    expect(parseArabicDate('Le 12 mars 2021 à 14h30')?.date).toEqual(utc(2021, 3, 12, 14, 30));
    expect(parseArabicDate('الثلاثاء 10 شتنبر 2019 - 22:15')?.date).toEqual(utc(2019, 9, 10, 22, 15));
  });

  it('reads a time written before the date', () => {
    const parsed = parseArabicDate('08:09 مساء - السبت 23 يوليو 2016');
    expect(parsed?.date).toEqual(utc(2016, 7, 23, 20, 9));
    expect(parsed?.text).toBe('08:09 مساء - السبت 23 يوليو 2016');
  });

  it('does not take the year suffix م (Miladi) for a time', () => {
    expect(parseArabicDate('23 يوليو 2016م')?.date).toEqual(utc(2016, 7, 23));
  });
});

describe('parseArabicDate: numeric and ISO forms', () => {
  it.each([
    ['05 - 02 - 2015', utc(2015, 2, 5)],
    ['23/07/2016', utc(2016, 7, 23)],
    ['23.07.2016', utc(2016, 7, 23)],
    ['٢٣/٠٧/٢٠١٦', utc(2016, 7, 23)],
    ['2016/07/23', utc(2016, 7, 23)],
    ['2016-07-23', utc(2016, 7, 23)],
    ['2016-07-23 20:09', utc(2016, 7, 23, 20, 9)],
    ['2016-07-23T20:09:05Z', new Date('2016-07-23T20:09:05Z')],
    ['2016-07-23T20:09:00+02:00', new Date('2016-07-23T18:09:00Z')],
    ['2016-07-23T20:09:00.250+0100', new Date('2016-07-23T19:09:00.250Z')],
    ['07/23/2016', utc(2016, 7, 23)],
  ])('%s', (text, expected) => {
    expect(parseArabicDate(text)?.date).toEqual(expected);
  });

  it('round-trips every ISO string Date produces', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), (d) => {
        expect(parseArabicDate(d.toISOString())?.date).toEqual(d);
      }),
    );
  });
});

describe('parseArabicDate: partial and absent dates', () => {
  it('a date without a year is partial, with its text', () => {
    expect(parseArabicDate('طالبت الوزيرة، يوم الجمعة 11 يونيو الجاري، بالرباط')).toEqual({ date: null, text: 'يوم الجمعة 11 يونيو', partial: true });
  });

  it('a month and year without a day is partial', () => {
    expect(parseArabicDate('في يوليو 2016')).toEqual({ date: null, text: 'يوليو 2016', partial: true });
  });

  it('prefers a complete date over an earlier partial one', () => {
    expect(parseArabicDate('منذ 3 مارس، ثم في 5 أبريل 2020')?.date).toEqual(utc(2020, 4, 5));
  });

  it('rejects impossible days and returns null for text without a date', () => {
    expect(parseArabicDate('31 فبراير 2020')?.date ?? null).toBeNull();
    expect(parseArabicDate('32/01/2020')).toBeNull();
    expect(parseArabicDate('خطر داعش يدفع الجزائر والرباط إلى التعاون الأمني')).toBeNull();
    expect(parseArabicDate('أكثر من 700 عنصر و 1500 كلم')).toBeNull();
    expect(parseArabicDate('')).toBeNull();
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const parsed = parseArabicDate(s);
        if (parsed !== null) expect(s).toContain(parsed.text);
      }),
    );
  });
});
