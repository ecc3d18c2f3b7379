import { describe, expect, it } from 'vitest';
import { wrapLogical } from '../../src/display/bidi.js';
import { renderParagraph } from '../../src/display/render.js';
import { clusterBoundaries, displayWidth } from '../../src/display/width.js';

describe('displayWidth', () => {
  it('counts ASCII and Arabic letters one cell each', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('الجزائر')).toBe(7);
    expect(displayWidth('\ufefb')).toBe(1); // lam-alef ligature
    expect(displayWidth('\ufe91\ufe90')).toBe(2);
  });
  it('gives combining marks, tashkeel and zero-width characters no cell', () => {
    expect(displayWidth('كَتَبَ')).toBe(3);
    expect(displayWidth('مُحَمَّدٌ')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('a\u200bb\u200c\u200d\u200e\u200f\u2067c\u2069')).toBe(3);
    expect(displayWidth('\u0670')).toBe(0); // superscript alef
  });
  it('gives East Asian wide characters two cells', () => {
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('한국')).toBe(4);
    expect(displayWidth('😀')).toBe(2);
    expect(displayWidth('\u{20000}')).toBe(2);
    expect(displayWidth('ｱ')).toBe(1); // halfwidth katakana
  });
  it('counts a text pictograph with VS16 as an emoji (two cells)', () => {
    expect(displayWidth('\u2764\ufe0f')).toBe(2);
    expect(displayWidth('\u2764')).toBe(1);
  });
  it('counts keycaps as one two-cell emoji', () => {
    expect(displayWidth('1\ufe0f\u20e3')).toBe(2);
    expect(displayWidth('#\u20e3')).toBe(2);
    expect(displayWidth('a\u20e3')).toBe(1); // an enclosing mark on a letter is still one cell
  });
  it('control characters take no cell', () => {
    expect(displayWidth('a\x1bb\x07')).toBe(2);
  });
});

describe('clusterBoundaries', () => {
  it('keeps marks with their letter and surrogate pairs whole', () => {
    expect(clusterBoundaries('بَب')).toEqual([0, 2, 3]);
    expect(clusterBoundaries('a😀b')).toEqual([0, 1, 3, 4]);
  });
});

describe('wrapLogical', () => {
  it('wraps words in logical order and drops the break spaces', () => {
    expect(wrapLogical('تعاون استخبارات الجزائر والمغرب', 16)).toEqual(['تعاون استخبارات', 'الجزائر والمغرب']);
  });
  it('does not count tashkeel toward the width', () => {
    // 3 cells + space + 3 cells = 7 even though the string has 13 code units.
    expect(wrapLogical('كَتَبَ كَتَبَ', 7)).toEqual(['كَتَبَ كَتَبَ']);
    expect(wrapLogical('كَتَبَ كَتَبَ', 6)).toEqual(['كَتَبَ', 'كَتَبَ']);
  });
  it('hard-breaks a word longer than the line without separating marks from letters', () => {
    expect(wrapLogical('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
    expect(wrapLogical('بَبَبَبَب', 2)).toEqual(['بَبَ', 'بَبَ', 'ب']);
  });
  it('never puts a wide character across the edge', () => {
    expect(wrapLogical('日本語', 3)).toEqual(['日', '本', '語']);
  });
  it('keeps paragraph indentation and inner spacing', () => {
    expect(wrapLogical('  ab  cd', 10)).toEqual(['  ab  cd']);
    expect(wrapLogical('ab cd   ', 10)).toEqual(['ab cd']);
  });
  it('each line fits', () => {
    const text = 'أعلنت وزارة الخارجية الجزائرية اليوم عن تعزيز التعاون الأمني مع ليبيا وتونس في مجال مكافحة الإرهاب';
    for (const width of [5, 10, 17, 40]) {
      for (const line of wrapLogical(text, width)) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    }
  });
});

describe('right alignment', () => {
  it('pads an RTL line on the left to exactly the width', () => {
    for (const width of [9, 20, 33]) {
      const lines = renderParagraph('مُحَمَّدٌ في الجزائر', width, 'app');
      for (const line of lines) expect(displayWidth(line)).toBe(width);
    }
    const [line] = renderParagraph('مُحَمَّدٌ', 10, 'app');
    expect(line!.startsWith(' '.repeat(6))).toBe(true);
    expect(line!.startsWith(' '.repeat(7))).toBe(false);
  });
  it('does not pad LTR paragraphs', () => {
    expect(renderParagraph('Algeria and Morocco', 40, 'app')).toEqual(['Algeria and Morocco']);
  });
});
