import { describe, expect, it } from 'vitest';
import { joiningType, shapeArabic, shapeWithOrigins } from '../../src/display/shape.js';

// Expected code points are taken from the Unicode Arabic Presentation Forms-B chart (U+FE70..FEFF):
// each letter's forms are listed isolated, final, initial, medial.
const cps = (...points: number[]): string => String.fromCodePoint(...points);
const hex = (s: string): string[] => [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);

describe('shapeArabic: dual-joining letters', () => {
  it('ب alone is isolated', () => {
    expect(hex(shapeArabic('ب'))).toEqual(hex(cps(0xfe8f)));
  });
  it('ببب gives initial, medial, final', () => {
    expect(hex(shapeArabic('ببب'))).toEqual(hex(cps(0xfe91, 0xfe92, 0xfe90)));
  });
  it('عمل: ع initial, م medial, ل final', () => {
    expect(hex(shapeArabic('عمل'))).toEqual(hex(cps(0xfecb, 0xfee4, 0xfede)));
  });
  it('a space ends the join on both sides', () => {
    expect(hex(shapeArabic('بب بب'))).toEqual(hex(cps(0xfe91, 0xfe90, 0x20, 0xfe91, 0xfe90)));
  });
  it('Latin and digits next to a letter do not join', () => {
    expect(hex(shapeArabic('aبb'))).toEqual(hex(cps(0x61, 0xfe8f, 0x62)));
    expect(hex(shapeArabic('ب1ب'))).toEqual(hex(cps(0xfe8f, 0x31, 0xfe8f)));
  });
});

describe('shapeArabic: right-joining letters break the join', () => {
  it('دار: د isolated (nothing before), ا isolated (د never joins forward), ر isolated', () => {
    expect(hex(shapeArabic('دار'))).toEqual(hex(cps(0xfea9, 0xfe8d, 0xfead)));
  });
  it('بدب: ب initial, د final, then ب isolated', () => {
    expect(hex(shapeArabic('بدب'))).toEqual(hex(cps(0xfe91, 0xfeaa, 0xfe8f)));
  });
  it('right-joining set takes final forms after a dual-joining letter', () => {
    // ب + each of ا د ذ ر ز و ة ى آ أ إ ؤ
    const letters = 'ادذرزوةىآأإؤ';
    const finals = [0xfe8e, 0xfeaa, 0xfeac, 0xfeae, 0xfeb0, 0xfeee, 0xfe94, 0xfef0, 0xfe82, 0xfe84, 0xfe88, 0xfe86];
    [...letters].forEach((letter, k) => {
      expect(hex(shapeArabic(`ب${letter}`))).toEqual(hex(cps(0xfe91, finals[k]!)));
    });
  });
  it('ء hamza is non-joining on both sides', () => {
    expect(hex(shapeArabic('بءب'))).toEqual(hex(cps(0xfe8f, 0xfe80, 0xfe8f)));
  });
  it('تعاون matches the chart letter by letter', () => {
    expect(hex(shapeArabic('تعاون'))).toEqual(hex(cps(0xfe97, 0xfecc, 0xfe8e, 0xfeed, 0xfee5)));
  });
});

describe('shapeArabic: lam-alef ligatures', () => {
  it('ﻻ ﻷ ﻹ ﻵ isolated', () => {
    expect(hex(shapeArabic('لا'))).toEqual(hex(cps(0xfefb)));
    expect(hex(shapeArabic('لأ'))).toEqual(hex(cps(0xfef7)));
    expect(hex(shapeArabic('لإ'))).toEqual(hex(cps(0xfef9)));
    expect(hex(shapeArabic('لآ'))).toEqual(hex(cps(0xfef5)));
  });
  it('final after a joining letter: سلام, ﻼ then م isolated', () => {
    expect(hex(shapeArabic('سلام'))).toEqual(hex(cps(0xfeb3, 0xfefc, 0xfee1)));
    expect(hex(shapeArabic('بلأ'))).toEqual(hex(cps(0xfe91, 0xfef8)));
    expect(hex(shapeArabic('بلإ'))).toEqual(hex(cps(0xfe91, 0xfefa)));
    expect(hex(shapeArabic('بلآ'))).toEqual(hex(cps(0xfe91, 0xfef6)));
  });
  it('the article ال before a letter is not a ligature: الجزائر', () => {
    expect(hex(shapeArabic('الجزائر'))).toEqual(hex(cps(0xfe8d, 0xfedf, 0xfea0, 0xfeb0, 0xfe8d, 0xfe8b, 0xfeae)));
  });
  it('a mark between lam and alef stays, on the ligature', () => {
    expect(hex(shapeArabic('لَا'))).toEqual(hex(cps(0xfefb, 0x064e)));
  });
  it('composes decomposed hamza first, so لا + hamza still becomes ﻷ', () => {
    expect(hex(shapeArabic('ل\u0627\u0654'))).toEqual(hex(cps(0xfef7)));
    expect(hex(shapeArabic('ب\u064a\u0654ر'))).toEqual(hex(cps(0xfe91, 0xfe8c, 0xfeae)));
    expect(shapeWithOrigins('ل\u0627\u0654ب').origins).toEqual([0, 3]);
  });
  it('maps every output unit back to its input offset (the ligature to the lam)', () => {
    const shaped = shapeWithOrigins('سلام');
    expect(shaped.origins).toEqual([0, 1, 3]);
  });
});

describe('shapeArabic: transparent marks and join-causing characters', () => {
  it('tashkeel is skipped when deciding joins and kept in place', () => {
    // بَبّ: ب fatha ب shadda → initial, fatha, final, shadda
    expect(hex(shapeArabic('بَبّ'))).toEqual(hex(cps(0xfe91, 0x064e, 0xfe90, 0x0651)));
    // كَتَبَ
    expect(hex(shapeArabic('كَتَبَ'))).toEqual(hex(cps(0xfedb, 0x064e, 0xfe98, 0x064e, 0xfe90, 0x064e)));
  });
  it('tatweel joins on both sides and stays', () => {
    expect(hex(shapeArabic('بـب'))).toEqual(hex(cps(0xfe91, 0x0640, 0xfe90)));
    expect(hex(shapeArabic('ـب'))).toEqual(hex(cps(0x0640, 0xfe90)));
    expect(hex(shapeArabic('بـ'))).toEqual(hex(cps(0xfe91, 0x0640)));
  });
  it('ZWNJ prevents the join, ZWJ forces it', () => {
    expect(hex(shapeArabic('ب\u200cب'))).toEqual(hex(cps(0xfe8f, 0x200c, 0xfe8f)));
    expect(hex(shapeArabic('ب\u200d'))).toEqual(hex(cps(0xfe91, 0x200d)));
  });
  it('joining types', () => {
    expect(joiningType(0x0628)).toBe('D');
    expect(joiningType(0x0627)).toBe('R');
    expect(joiningType(0x0621)).toBe('U');
    expect(joiningType(0x0640)).toBe('C');
    expect(joiningType(0x064e)).toBe('T');
    expect(joiningType(0x0041)).toBe('U');
  });
  it('leaves text without Arabic letters untouched', () => {
    expect(shapeArabic('G7 2016 (ok) ١٢٣')).toBe('G7 2016 (ok) ١٢٣');
  });
});
