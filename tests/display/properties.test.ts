import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paragraphDirection, wrapLogical } from '../../src/display/bidi.js';
import { isDisplayWidthError } from '../../src/display/errors.js';
import { renderParagraph, renderParagraphSpans, renderText } from '../../src/display/render.js';
import type { RtlMode } from '../../src/display/render.js';
import { displayWidth } from '../../src/display/width.js';

// Strings biased toward what breaks terminal layout: Arabic letters and tashkeel, lam-alef, bidi
// controls, brackets, digits, wide CJK and emoji, controls and lone surrogates.
const pieces = [
  'ا',
  'ل',
  'ب',
  'ي',
  'ة',
  'ء',
  'ـ',
  '\u064e',
  '\u0651',
  '\u0670',
  'لا',
  'لأ',
  ' ',
  '  ',
  '(',
  ')',
  '[',
  '«',
  '»',
  '1',
  '٢',
  '2016',
  'G7',
  'abc',
  '\u200c',
  '\u200d',
  '\u200f',
  '\u202b',
  '\u202c',
  '\u2067',
  '\u2069',
  '\t',
  '\n',
  '\x1b',
  '\x07',
  '\ud800',
  '\udc00',
  '日',
  '😀',
  '\u2764\ufe0f',
  'e\u0301',
  'الجزائر',
  'والمغرب',
];
const mixed = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((a) => a.join(''));
const anyText = fc.oneof(mixed, fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
const widths = fc.integer({ min: 1, max: 50 });
const modes = fc.constantFrom<RtlMode>('app', 'terminal');

describe('properties', () => {
  it('renderParagraph never throws and never yields a line wider than width', () => {
    fc.assert(
      fc.property(anyText, widths, modes, (text, width, mode) => {
        for (const line of renderParagraph(text, width, mode)) {
          expect(displayWidth(line)).toBeLessThanOrEqual(width);
          expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('app-mode RTL lines are padded to exactly width', () => {
    fc.assert(
      fc.property(mixed, widths, (text, width) => {
        fc.pre(paragraphDirection(text) === 'rtl');
        for (const line of renderParagraph(text, width, 'app')) expect(displayWidth(line)).toBe(width);
      }),
    );
  });

  it('rendering keeps every visible character (app mode reorders, never loses letters)', () => {
    const visible = (s: string): number => [...s].filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
    fc.assert(
      fc.property(fc.array(fc.constantFrom('ب', 'ت', 'ج', 'a', 'b', '7', '٣', ' ', 'َ'), { maxLength: 50 }), widths, (chars, width) => {
        const text = chars.join('');
        const out = renderParagraph(text, width, 'app').join('');
        expect(visible(out)).toBe(visible(text));
        expect(displayWidth(out.replace(/ /g, ''))).toBe(displayWidth(text.replace(/ /g, '')));
      }),
    );
  });

  it('spans render to the same text as the plain paragraph', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ text: mixed, highlight: fc.boolean() }), { maxLength: 5 }), widths, modes, (spans, width, mode) => {
        const joined = spans
          .map((s) => s.text)
          .join('')
          .replace(/[\n]/g, ' ');
        const fromSpans = renderParagraphSpans(spans, width, mode).map((l) => l.map((s) => s.text).join(''));
        expect(fromSpans).toEqual(renderParagraph(joined, width, mode));
      }),
    );
  });

  it('wrapLogical lines fit and renderText lines fit', () => {
    fc.assert(
      fc.property(mixed, fc.integer({ min: 2, max: 30 }), modes, (text, width, mode) => {
        for (const line of wrapLogical(text.replace(/[\x00-\x1f\ud800-\udfff]/g, ''), width)) {
          expect(displayWidth(line)).toBeLessThanOrEqual(width);
        }
        for (const line of renderText(text, width, mode)) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      }),
    );
  });

  it('rejects a width that is not a whole number of columns', () => {
    for (const width of [0, -3, 2.5, Number.NaN]) {
      let error: unknown;
      try {
        renderParagraph('abc', width, 'app');
      } catch (e) {
        error = e;
      }
      expect(isDisplayWidthError(error)).toBe(true);
    }
  });
});
