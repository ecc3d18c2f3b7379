import bidiModule from 'bidi-js';
import type { Bidi } from 'bidi-js';
import { DisplayWidthError } from './errors.js';
import { clusterBoundaries, codeUnitLength, displayWidth } from './width.js';

// Unicode Bidirectional Algorithm for a terminal in explicit mode: bidi-js resolves the embedding
// levels (rules P through I); reordering (L1, L2, L4) is done here on clusters rather than code units,
// because a terminal attaches a combining mark to the cell before it: reversing code units would put
// every fatha in front of its letter, and split surrogate pairs.

export type Direction = 'rtl' | 'ltr';

// bidi-js is CommonJS (`module.exports = factory`) but its typings declare an ES default export, which
// TypeScript under NodeNext reads as `module.exports.default`; accept either shape.
type BidiFactory = () => Bidi;
const bidiFactory: BidiFactory = typeof bidiModule === 'function' ? bidiModule : bidiModule.default;

let instance: Bidi | null = null;
function bidi(): Bidi {
  instance ??= bidiFactory();
  return instance;
}

const STRONG_RTL = new Set(['R', 'AL']);
const ISOLATE_OPEN = new Set(['LRI', 'RLI', 'FSI']);

/** Direction of the first strong character outside isolates (rules P2, P3); LTR when there is none. */
export function paragraphDirection(s: string): Direction {
  const b = bidi();
  let isolates = 0;
  for (let i = 0; i < s.length; i += codeUnitLength(s, i)) {
    const c = s.charCodeAt(i);
    if (c < 0x41) continue; // ASCII controls, space, digits and punctuation are never strong
    if (c < 0x7b && (c <= 0x5a || c >= 0x61)) {
      if (isolates === 0) return 'ltr';
      continue;
    }
    const type = b.getBidiCharTypeName(s.slice(i, i + codeUnitLength(s, i)));
    if (ISOLATE_OPEN.has(type)) isolates++;
    else if (type === 'PDI') isolates = Math.max(0, isolates - 1);
    else if (isolates === 0 && type === 'L') return 'ltr';
    else if (isolates === 0 && STRONG_RTL.has(type)) return 'rtl';
  }
  return 'ltr';
}

// X9 removes these from display; a terminal would draw some of them as boxes.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const BIDI_CONTROLS_GLOBAL = new RegExp(BIDI_CONTROLS.source, 'g');

/** Removes bidi formatting characters, which have done their work once a line is in visual order. */
export function stripBidiControls(s: string): string {
  return s.replace(BIDI_CONTROLS_GLOBAL, '');
}

// L1 resets trailing whitespace and isolate/embedding controls at the end of a line to the paragraph level.
const TRAILING_TYPES = new Set(['WS', 'S', 'B', 'LRI', 'RLI', 'FSI', 'PDI', 'BN', 'LRE', 'RLE', 'LRO', 'RLO', 'PDF']);

/** A cluster in visual order: offsets [start, end) into the text, and whether it is mirrored. */
export interface VisualCluster {
  start: number;
  end: number;
  /** Replacement for the cluster's first code point under rule L4 (e.g. `(` in a right-to-left run). */
  mirror: string | null;
}

/**
 * Visual order of the clusters of `text[start, end)`, given levels resolved on the whole paragraph.
 * Bidi formatting characters are left out.
 */
export function visualClusters(text: string, levels: Uint8Array, paragraphLevel: number, start: number, end: number): VisualCluster[] {
  const b = bidi();
  const bounds = clusterBoundaries(text, start, end);
  const clusters: { start: number; end: number; level: number }[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const s = bounds[k] as number;
    const e = bounds[k + 1] as number;
    clusters.push({ start: s, end: e, level: levels[s] ?? paragraphLevel });
  }
  for (let k = clusters.length - 1; k >= 0; k--) {
    const c = clusters[k]!;
    const first = text.slice(c.start, c.start + codeUnitLength(text, c.start));
    if (!TRAILING_TYPES.has(b.getBidiCharTypeName(first))) break;
    c.level = paragraphLevel;
  }
  // L2: from the highest level down to the lowest odd one, reverse every run at that level or above.
  let highest = 0;
  let lowestOdd = 255;
  for (const c of clusters) {
    highest = Math.max(highest, c.level);
    if (c.level & 1) lowestOdd = Math.min(lowestOdd, c.level);
  }
  const order = clusters.map((_, k) => k);
  for (let level = highest; level >= lowestOdd && level > 0; level--) {
    let k = 0;
    while (k < order.length) {
      if (clusters[order[k]!]!.level >= level) {
        let j = k;
        while (j + 1 < order.length && clusters[order[j + 1]!]!.level >= level) j++;
        for (let a = k, z = j; a < z; a++, z--) {
          const t = order[a]!;
          order[a] = order[z]!;
          order[z] = t;
        }
        k = j + 1;
      } else {
        k++;
      }
    }
  }
  const visual: VisualCluster[] = [];
  for (const index of order) {
    const c = clusters[index]!;
    const first = text.slice(c.start, c.start + codeUnitLength(text, c.start));
    if (BIDI_CONTROLS.test(first) && c.end - c.start === first.length) continue;
    visual.push({ start: c.start, end: c.end, mirror: c.level & 1 ? b.getMirroredCharacter(first) : null });
  }
  return visual;
}

/** One visual cluster's text: mirrored if needed, bidi controls dropped. */
export function clusterText(text: string, c: VisualCluster): string {
  const body = text.slice(c.start, c.end);
  return stripBidiControls(c.mirror === null ? body : c.mirror + body.slice(codeUnitLength(body, 0)));
}

/** Resolved levels of a paragraph with the given base direction (rules P to I). */
export function embeddingLevels(paragraph: string, baseDir: Direction): Uint8Array {
  return bidi().getEmbeddingLevels(paragraph, baseDir).levels;
}

/** One line (already wrapped, logical order) in visual order, brackets mirrored, bidi controls removed. */
export function reorderLine(logicalLine: string, baseDir: Direction): string {
  if (logicalLine.length === 0) return '';
  const levels = embeddingLevels(logicalLine, baseDir);
  const clusters = visualClusters(logicalLine, levels, baseDir === 'rtl' ? 1 : 0, 0, logicalLine.length);
  return clusters.map((c) => clusterText(logicalLine, c)).join('');
}

/** A wrapped line as offsets [start, end) into the paragraph, in logical order. */
export interface LineRange {
  start: number;
  end: number;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);

export function assertWidth(width: number): void {
  if (!Number.isInteger(width) || width < 1) throw new DisplayWidthError(width);
}

/**
 * Greedy word wrap in logical order by display width. Lines break at spaces, which are dropped at the
 * break; a word wider than the line is cut at cluster boundaries. A cluster wider than the whole line
 * (a wide character when width is 1) still gets a line of its own: callers that must never overflow
 * replace such clusters first (see `render.ts`).
 */
export function wrapRanges(text: string, width: number): LineRange[] {
  assertWidth(width);
  const lines: LineRange[] = [];
  const bounds = clusterBoundaries(text);
  let lineStart = -1;
  let lineEnd = -1;
  let lineWidth = 0;
  let k = 0;
  const flush = (): void => {
    if (lineStart >= 0) lines.push({ start: lineStart, end: lineEnd });
    lineStart = -1;
    lineWidth = 0;
  };
  while (k + 1 < bounds.length) {
    // A run of spaces, then a word (run of non-space clusters).
    const spaceStart = bounds[k] as number;
    let spaceWidth = 0;
    while (k + 1 < bounds.length && isSpace(text.charCodeAt(bounds[k] as number))) {
      spaceWidth += displayWidth(text.slice(bounds[k], bounds[k + 1]));
      k++;
    }
    const wordStart = bounds[k] as number;
    const wordFirst = k;
    let wordWidth = 0;
    while (k + 1 < bounds.length && !isSpace(text.charCodeAt(bounds[k] as number))) {
      wordWidth += displayWidth(text.slice(bounds[k], bounds[k + 1]));
      k++;
    }
    const wordEnd = bounds[k] as number;
    if (wordEnd === wordStart) break; // trailing spaces: dropped
    if (lineStart >= 0 && lineWidth + spaceWidth + wordWidth <= width) {
      lineEnd = wordEnd;
      lineWidth += spaceWidth + wordWidth;
      continue;
    }
    // Leading spaces of the paragraph are kept (indentation) when they leave room for the word.
    const keepIndent = lines.length === 0 && lineStart < 0 && spaceStart < wordStart && spaceWidth + wordWidth <= width;
    flush();
    if (keepIndent) {
      lineStart = spaceStart;
      lineEnd = wordEnd;
      lineWidth = spaceWidth + wordWidth;
      continue;
    }
    if (wordWidth <= width) {
      lineStart = wordStart;
      lineEnd = wordEnd;
      lineWidth = wordWidth;
      continue;
    }
    // Hard break of an over-long word.
    for (let c = wordFirst; c < k; c++) {
      const cs = bounds[c] as number;
      const ce = bounds[c + 1] as number;
      const w = displayWidth(text.slice(cs, ce));
      if (lineStart >= 0 && lineWidth + w > width) flush();
      if (lineStart < 0) {
        lineStart = cs;
        lineWidth = 0;
      }
      lineEnd = ce;
      lineWidth += w;
    }
  }
  flush();
  return lines;
}

/** Word wrap in logical order; the lines are substrings of the paragraph without the break spaces. */
export function wrapLogical(paragraph: string, width: number): string[] {
  return wrapRanges(paragraph, width).map((r) => paragraph.slice(r.start, r.end));
}
