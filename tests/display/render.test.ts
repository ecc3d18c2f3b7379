import { describe, expect, it } from 'vitest';
import { paragraphDirection, reorderLine } from '../../src/display/bidi.js';
import { enterExplicitMode, renderParagraph, renderParagraphSpans, renderText, renderTextSpans, restoreTerminalMode } from '../../src/display/render.js';
import type { StyledLine } from '../../src/display/render.js';
import { displayWidth } from '../../src/display/width.js';

// Expected lines are written out by hand: presentation forms from the Unicode Forms-B chart, visual
// order from the bidi rules (an RTL paragraph reads right to left, so the printed string starts with
// the last letter of the last word; Latin and digit runs keep their own left-to-right order).
const cps = (...points: number[]): string => String.fromCodePoint(...points);
const hex = (s: string): string[] => [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
const SP = 0x20;

describe('app mode: known Arabic lines', () => {
  it('تعاون استخبارات الجزائر والمغرب is shaped, reversed and right-aligned', () => {
    const expected =
      ' '.repeat(9) +
      cps(
        // والمغرب: ب isolated, ر final, غ medial, م medial, ل initial, ا isolated, و isolated
        0xfe8f,
        0xfeae,
        0xfed0,
        0xfee4,
        0xfedf,
        0xfe8d,
        0xfeed,
        SP,
        // الجزائر: ر final, ئ initial, ا isolated, ز final, ج medial, ل initial, ا isolated
        0xfeae,
        0xfe8b,
        0xfe8d,
        0xfeb0,
        0xfea0,
        0xfedf,
        0xfe8d,
        SP,
        // استخبارات: ت isolated, ا isolated, ر isolated, ا final, ب medial, خ medial, ت medial, س initial, ا isolated
        0xfe95,
        0xfe8d,
        0xfead,
        0xfe8e,
        0xfe92,
        0xfea8,
        0xfe98,
        0xfeb3,
        0xfe8d,
        SP,
        // تعاون: ن isolated, و isolated, ا final, ع medial, ت initial
        0xfee5,
        0xfeed,
        0xfe8e,
        0xfecc,
        0xfe97,
      );
    const lines = renderParagraph('تعاون استخبارات الجزائر والمغرب', 40, 'app');
    expect(lines).toHaveLength(1);
    expect(hex(lines[0]!)).toEqual(hex(expected));
  });

  it('قمة G7 في 2016 بالجزائر keeps G7 and 2016 left to right inside the RTL line', () => {
    const expected =
      ' '.repeat(7) +
      cps(
        // بالجزائر: ر final, ئ initial, ا isolated, ز final, ج medial, ل initial, ا final, ب initial
        0xfeae,
        0xfe8b,
        0xfe8d,
        0xfeb0,
        0xfea0,
        0xfedf,
        0xfe8e,
        0xfe91,
        SP,
        0x32,
        0x30,
        0x31,
        0x36,
        SP,
        // في: ي final, ف initial
        0xfef2,
        0xfed3,
        SP,
        0x47,
        0x37,
        SP,
        // قمة: ة final, م medial, ق initial
        0xfe94,
        0xfee4,
        0xfed7,
      );
    const lines = renderParagraph('قمة G7 في 2016 بالجزائر', 30, 'app');
    expect(hex(lines[0]!)).toEqual(hex(expected));
    expect(lines).toHaveLength(1);
  });

  it('mirrors brackets in a right-to-left run', () => {
    const [line] = renderParagraph('(المغرب)', 8, 'app');
    // logical ( …word… ) reversed puts ) first, mirrored back to (
    expect(hex(line!)).toEqual(hex(cps(0x28, 0xfe8f, 0xfeae, 0xfed0, 0xfee4, 0xfedf, 0xfe8d, 0x29)));
  });

  it('keeps tashkeel after its letter in visual order', () => {
    const [line] = renderParagraph('بَب', 2, 'app');
    expect(hex(line!)).toEqual(hex(cps(0xfe90, 0xfe91, 0x064e)));
  });

  it('wraps before reordering: the first logical words are on the first line', () => {
    const lines = renderParagraph('تعاون استخبارات الجزائر والمغرب', 16, 'app');
    expect(lines).toHaveLength(2);
    expect(hex(lines[0]!)).toEqual(
      hex(' ' + cps(0xfe95, 0xfe8d, 0xfead, 0xfe8e, 0xfe92, 0xfea8, 0xfe98, 0xfeb3, 0xfe8d, SP, 0xfee5, 0xfeed, 0xfe8e, 0xfecc, 0xfe97)),
    );
    expect(displayWidth(lines[1]!)).toBe(16);
  });

  it('an English sentence quoting Arabic stays LTR with the Arabic run reversed', () => {
    const [line] = renderParagraph('Summit in الجزائر today', 40, 'app');
    expect(hex(line!)).toEqual(hex('Summit in ' + cps(0xfeae, 0xfe8b, 0xfe8d, 0xfeb0, 0xfea0, 0xfedf, 0xfe8d) + ' today'));
  });

  it('removes bidi controls and terminal escapes from the output', () => {
    const [line] = renderParagraph('\u202bبب\u202c\x1b[2J', 10, 'app');
    // ESC is dropped, leaving '[2J' (an LTR run 2J after a mirrored bracket) after the embedded word.
    expect(hex(line!)).toEqual(hex('     2J]' + cps(0xfe90, 0xfe91)));
    expect(line).not.toContain('\x1b');
    expect(line).not.toContain('\u202b');
  });
});

describe('reorderLine and paragraphDirection', () => {
  it('detects direction from the first strong character', () => {
    expect(paragraphDirection('2016 الجزائر')).toBe('rtl');
    expect(paragraphDirection('« G7 » الجزائر')).toBe('ltr');
    expect(paragraphDirection('123 ...')).toBe('ltr');
    expect(paragraphDirection('\u2067abc\u2069 الجزائر')).toBe('rtl');
  });
  it('reorders runs by the base direction', () => {
    expect(reorderLine('abc אבג def', 'ltr')).toBe('abc גבא def');
    expect(reorderLine('abc אבג def', 'rtl')).toBe('def גבא abc');
    expect(reorderLine('אבג (1) דה', 'rtl')).toBe('הד (1) גבא');
  });
});

describe('terminal mode', () => {
  it('passes logical text through, unshaped and unpadded', () => {
    expect(renderParagraph('قمة G7 في 2016 بالجزائر', 40, 'terminal')).toEqual(['قمة G7 في 2016 بالجزائر']);
    expect(renderParagraph('تعاون استخبارات الجزائر والمغرب', 16, 'terminal')).toEqual(['تعاون استخبارات', 'الجزائر والمغرب']);
  });
  it('keeps bidi controls for the terminal but strips escapes', () => {
    expect(renderParagraph('\u200fبب\x1b[31m', 10, 'terminal')).toEqual(['\u200fبب[31m']);
  });
});

describe('renderText', () => {
  it('gives each paragraph its own direction and keeps blank lines', () => {
    const lines = renderText('Algeria\n\nالجزائر', 10, 'app');
    expect(lines).toEqual(['Algeria', '', '   ' + cps(0xfeae, 0xfe8b, 0xfe8d, 0xfeb0, 0xfea0, 0xfedf, 0xfe8d)]);
  });
  it('escape strings for the terminal modes', () => {
    // BDSM reset (explicit) + SCP left-to-right; BDSM set (implicit) + SCP default.
    expect(enterExplicitMode()).toBe('\x1b[8l\x1b[1 k');
    expect(restoreTerminalMode()).toBe('\x1b[8h\x1b[0 k');
  });
});

const plain = (line: StyledLine): string => line.map((s) => s.text).join('');
const highlighted = (line: StyledLine): string[] => line.filter((s) => s.highlight).map((s) => s.text);

describe('renderParagraphSpans: highlighting survives wrapping and reordering', () => {
  it('highlights the shaped, reordered n-gram and nothing else', () => {
    const spans = [{ text: 'تعاون ' }, { text: 'استخبارات', highlight: true }, { text: ' الجزائر والمغرب' }];
    const lines = renderParagraphSpans(spans, 40, 'app');
    expect(lines).toHaveLength(1);
    expect(plain(lines[0]!)).toBe(renderParagraph('تعاون استخبارات الجزائر والمغرب', 40, 'app')[0]);
    expect(highlighted(lines[0]!).map(hex)).toEqual([hex(cps(0xfe95, 0xfe8d, 0xfead, 0xfe8e, 0xfe92, 0xfea8, 0xfe98, 0xfeb3, 0xfe8d))]);
  });
  it('a highlight that wraps onto two lines is highlighted on both', () => {
    const spans = [{ text: 'تعاون ' }, { text: 'استخبارات الجزائر', highlight: true }, { text: ' والمغرب' }];
    const lines = renderParagraphSpans(spans, 16, 'app');
    expect(lines).toHaveLength(2);
    expect(highlighted(lines[0]!).map(hex)).toEqual([hex(cps(0xfe95, 0xfe8d, 0xfead, 0xfe8e, 0xfe92, 0xfea8, 0xfe98, 0xfeb3, 0xfe8d))]);
    expect(highlighted(lines[1]!).map(hex)).toEqual([hex(cps(0xfeae, 0xfe8b, 0xfe8d, 0xfeb0, 0xfea0, 0xfedf, 0xfe8d))]);
    for (const line of lines) expect(line.reduce((w, s) => w + displayWidth(s.text), 0)).toBe(16);
  });
  it('shaping across a span boundary still joins letters', () => {
    // ب|ب split between spans must still be initial + final.
    const [line] = renderParagraphSpans([{ text: 'ب' }, { text: 'ب', highlight: true }], 2, 'app');
    expect(line).toEqual([
      { text: cps(0xfe90), highlight: true },
      { text: cps(0xfe91), highlight: false },
    ]);
  });
  it('terminal mode keeps logical order per segment', () => {
    const [line] = renderParagraphSpans([{ text: 'قمة ' }, { text: 'G7', highlight: true }], 20, 'terminal');
    expect(line).toEqual([
      { text: 'قمة ', highlight: false },
      { text: 'G7', highlight: true },
    ]);
  });
  it('renderTextSpans splits paragraphs inside a span', () => {
    const lines = renderTextSpans([{ text: 'ab\ncd', highlight: true }, { text: ' ef' }], 20, 'app');
    expect(lines).toEqual([
      [{ text: 'ab', highlight: true }],
      [
        { text: 'cd', highlight: true },
        { text: ' ef', highlight: false },
      ],
    ]);
  });
});
