import { WIDE_RANGES } from './wide-ranges.js';

// Terminal cell widths. The rules follow what terminals (wcwidth) and Ink's string-width agree on:
// nonspacing and enclosing marks (tashkeel included), format characters (ZWJ, ZWNJ, bidi controls),
// default-ignorables and controls take no cell; East Asian Wide/Fullwidth take two; everything else,
// Arabic letters, presentation forms and the lam-alef ligatures included, takes one.

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]$/u;
// A text-presentation pictograph followed by VS16 is drawn as a two-cell emoji (string-width agrees).
const EMOJI_BASE = /^\p{Extended_Pictographic}$/u;
const VS16 = 0xfe0f;
const KEYCAP = 0x20e3;

// Widths of BMP code points, filled in as they are met (one regex test each, once per process), so
// the hot loop is a lookup; UNKNOWN until then. Filling all 65,536 up front cost 10–17 ms of start-up.
const UNKNOWN = 255;
const bmpTable = new Uint8Array(0x10000).fill(UNKNOWN);

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE_RANGES.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = WIDE_RANGES[mid * 2] as number;
    const end = WIDE_RANGES[mid * 2 + 1] as number;
    if (cp < start) hi = mid - 1;
    else if (cp > end) lo = mid + 1;
    else return true;
  }
  return false;
}

function slowWidth(cp: number): number {
  if (cp >= 0xd800 && cp <= 0xdfff) return 0;
  if (ZERO_WIDTH.test(String.fromCodePoint(cp))) return 0;
  return isWide(cp) ? 2 : 1;
}

/** Cells one code point takes on its own (0, 1 or 2). */
export function codePointWidth(cp: number): number {
  if (cp >= 0x20 && cp < 0x7f) return 1;
  if (cp < 0x10000) {
    const known = bmpTable[cp] as number;
    return known !== UNKNOWN ? known : (bmpTable[cp] = slowWidth(cp));
  }
  if (cp >= 0x20000 && cp <= 0x3fffd) return 2;
  return slowWidth(cp);
}

/** True when the code point attaches to the preceding cell instead of taking its own. */
export function isZeroWidth(cp: number): boolean {
  return codePointWidth(cp) === 0;
}

/** Cells a string takes in a terminal; ANSI escapes are not expected (callers style segments instead). */
export function displayWidth(s: string): number {
  let width = 0;
  let prevWidth = 0;
  let prevCp = -1;
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp < 0x7f && cp >= 0x20) {
      width += 1;
      prevWidth = 1;
      prevCp = cp;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    // A keycap (digit, # or *, optionally VS16, then U+20E3) is drawn as one two-cell emoji.
    if (cp === KEYCAP && prevWidth === 1 && (prevCp === 0x23 || prevCp === 0x2a || (prevCp >= 0x30 && prevCp <= 0x39))) {
      width += 1;
      prevWidth = 2;
      continue;
    }
    if (cp === VS16 && prevWidth === 1 && prevCp >= 0 && EMOJI_BASE.test(String.fromCodePoint(prevCp))) {
      width += 1;
      prevWidth = 2;
      continue;
    }
    const w = codePointWidth(cp);
    width += w;
    if (w > 0) {
      prevWidth = w;
      prevCp = cp;
    }
  }
  return width;
}

/**
 * Splits text into terminal cells' worth of clusters: one spacing code point followed by every
 * zero-width code point after it. Terminals attach a zero-width code point to the previous cell, so
 * wrapping and reordering must move these clusters as a whole (a fatha stays on its letter).
 * Returns the start offsets (UTF-16) of the clusters, plus `text.length` as a final sentinel.
 */
export function clusterBoundaries(text: string, start = 0, end = text.length): number[] {
  const bounds: number[] = [];
  let i = start;
  while (i < end) {
    bounds.push(i);
    i += codeUnitLength(text, i);
    while (i < end) {
      const cp = text.codePointAt(i) as number;
      if (codePointWidth(cp) !== 0) break;
      i += cp > 0xffff ? 2 : 1;
    }
  }
  bounds.push(end);
  return bounds;
}

/** 2 for a well-formed surrogate pair at `i`, else 1. */
export function codeUnitLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return 2;
  }
  return 1;
}
