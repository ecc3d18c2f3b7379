import { assertWidth, clusterText, embeddingLevels, paragraphDirection, visualClusters, wrapRanges } from './bidi.js';
import type { RtlMode } from './mode.js';
import { shapeWithOrigins } from './shape.js';
import { clusterBoundaries, displayWidth } from './width.js';

export type { RtlMode, RtlModeDetection } from './mode.js';
export { detectRtlMode, enterExplicitMode, modeSequence, parseRtlMode, restoreTerminalMode, toggleRtlMode } from './mode.js';

// Lines ready for the terminal.
// - app mode: wrap in logical order, shape, reorder each line (levels resolved on the whole
//   paragraph), right-align right-to-left paragraphs by padding on the left to `width`.
// - terminal mode: wrap in logical order and pass the text through unshaped and unpadded. The
//   terminal decides direction and alignment per row (in VTE an RTL row is aligned right only when its
//   paragraph direction is RTL, which depends on its autodetection setting), so padding on our side
//   would push the text to the wrong edge as often as to the right one.
// In both modes control characters are removed (an article must not be able to send escape sequences)
// and every line is at most `width` cells.

export interface Span {
  text: string;
  highlight?: boolean;
}

export interface StyledSegment {
  text: string;
  highlight: boolean;
}

export type StyledLine = StyledSegment[];

const REPLACEMENT = '\ufffd';

/** Text with one highlight flag per UTF-16 unit. */
interface Marked {
  text: string;
  marks: boolean[];
}

// Line and paragraph separators become spaces inside a paragraph; other controls go, since the
// terminal would execute them; lone surrogates would be written as garbage. Spans are joined first so
// that a surrogate pair split across two spans is still one character.
function sanitize(spans: readonly Span[]): Marked {
  const raw = spans.map((span) => span.text).join('');
  const rawMarks: boolean[] = [];
  for (const span of spans) for (let i = 0; i < span.text.length; i++) rawMarks.push(span.highlight === true);
  let text = '';
  const marks: boolean[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const mark = rawMarks[i] ?? false;
    let out: string;
    if (c === 0x09 || c === 0x0a || c === 0x0b || c === 0x0c || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029) {
      out = ' ';
    } else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
      continue;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const low = i + 1 < raw.length ? raw.charCodeAt(i + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        text += raw[i]! + raw[i + 1]!;
        marks.push(mark, mark);
        i++;
        continue;
      }
      out = REPLACEMENT;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      out = REPLACEMENT;
    } else {
      out = raw[i]!;
    }
    text += out;
    marks.push(mark);
  }
  return { text, marks };
}

// Only reachable at width 1: a two-cell character cannot fit, so it is shown as one replacement cell.
function fitClusters(m: Marked, width: number): Marked {
  if (width >= 2) return m;
  const bounds = clusterBoundaries(m.text);
  let text = '';
  const marks: boolean[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const s = bounds[k]!;
    const e = bounds[k + 1]!;
    const cluster = m.text.slice(s, e);
    if (displayWidth(cluster) > width) {
      text += REPLACEMENT;
      marks.push(m.marks[s] ?? false);
    } else {
      text += cluster;
      for (let i = s; i < e; i++) marks.push(m.marks[i] ?? false);
    }
  }
  return { text, marks };
}

function push(line: StyledLine, text: string, highlight: boolean): void {
  if (text === '') return;
  const last = line[line.length - 1];
  if (last !== undefined && last.highlight === highlight) last.text += text;
  else line.push({ text, highlight });
}

function lineWidth(line: StyledLine): number {
  let w = 0;
  for (const s of line) w += displayWidth(s.text);
  return w;
}

function layoutApp(m: Marked, width: number): StyledLine[] {
  const direction = paragraphDirection(m.text);
  const shaped = shapeWithOrigins(m.text);
  const text = shaped.text;
  const marks = shaped.origins.map((o) => m.marks[o] ?? false);
  const paragraphLevel = direction === 'rtl' ? 1 : 0;
  const levels = embeddingLevels(text, direction);
  const lines: StyledLine[] = [];
  for (const range of wrapRanges(text, width)) {
    const line: StyledLine = [];
    for (const c of visualClusters(text, levels, paragraphLevel, range.start, range.end)) {
      push(line, clusterText(text, c), marks[c.start] ?? false);
    }
    if (direction === 'rtl') {
      const pad = width - lineWidth(line);
      if (pad > 0) line.unshift({ text: ' '.repeat(pad), highlight: false });
    }
    lines.push(line);
  }
  return lines;
}

function layoutTerminal(m: Marked, width: number): StyledLine[] {
  return wrapRanges(m.text, width).map((range) => {
    const line: StyledLine = [];
    // Whole clusters only, so a mark or variation selector never lands in another segment than its base.
    const bounds = clusterBoundaries(m.text, range.start, range.end);
    for (let k = 0; k + 1 < bounds.length; k++) {
      push(line, m.text.slice(bounds[k], bounds[k + 1]), m.marks[bounds[k]!] ?? false);
    }
    return line;
  });
}

/**
 * One paragraph of styled spans as terminal lines of styled segments, left to right as they are to be
 * printed. Highlighting follows the characters through wrapping, shaping and reordering. An empty
 * paragraph yields no lines.
 */
export function renderParagraphSpans(spans: readonly Span[], width: number, mode: RtlMode): StyledLine[] {
  assertWidth(width);
  const m = fitClusters(sanitize(spans), width);
  return mode === 'app' ? layoutApp(m, width) : layoutTerminal(m, width);
}

/** One paragraph as terminal lines (see `renderParagraphSpans`). */
export function renderParagraph(text: string, width: number, mode: RtlMode): string[] {
  return renderParagraphSpans([{ text }], width, mode).map((line) => line.map((s) => s.text).join(''));
}

const PARAGRAPH_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;

/** Splits spans at paragraph breaks, keeping each piece's highlight. */
export function splitParagraphs(spans: readonly Span[]): Span[][] {
  const paragraphs: Span[][] = [[]];
  for (const span of spans) {
    const pieces = span.text.split(PARAGRAPH_BREAK);
    pieces.forEach((piece, k) => {
      if (k > 0) paragraphs.push([]);
      if (piece !== '') paragraphs[paragraphs.length - 1]!.push({ text: piece, highlight: span.highlight === true });
    });
  }
  return paragraphs;
}

/**
 * Multi-paragraph text: each paragraph gets its own direction (an Arabic article may quote an English
 * paragraph) and an empty paragraph stays an empty line.
 */
export function renderTextSpans(spans: readonly Span[], width: number, mode: RtlMode): StyledLine[] {
  assertWidth(width);
  const lines: StyledLine[] = [];
  for (const paragraph of splitParagraphs(spans)) {
    const rendered = renderParagraphSpans(paragraph, width, mode);
    if (rendered.length === 0) lines.push([]);
    else lines.push(...rendered);
  }
  return lines;
}

export function renderText(text: string, width: number, mode: RtlMode): string[] {
  return renderTextSpans([{ text }], width, mode).map((line) => line.map((s) => s.text).join(''));
}
