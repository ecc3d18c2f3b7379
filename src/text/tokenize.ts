import { TYPED_TOKENS } from './normalize.js';

// Word tokens as Intl.Segmenter (word granularity) defines them — its word-like segments — with
// the typed tokens of normalization (<url>, <num>, ...) kept whole.
//
// Intl.Segmenter runs at ~6 MB/s here, too slow for the featurizer's hot path, so text made only of
// characters whose word-break behaviour is simple (Arabic and Latin letters, digits, ASCII
// punctuation, spaces) is scanned by hand with the UAX #29 rules that apply to them (WB5–WB12);
// every whitespace-delimited chunk holding anything else goes to Intl.Segmenter. Word breaks never
// join across whitespace, so chunk-by-chunk segmentation equals whole-text segmentation. Tests
// check the scanner against Intl.Segmenter on random strings over that alphabet.

const COMPLEX = 0; // anything the scanner does not model: ask Intl.Segmenter
const LETTER = 1; // ALetter
const DIGIT = 2; // Numeric
const SPACE = 3;
const OTHER = 4; // breaks on both sides
const MID_LETTER = 5; // ':'
const MID_NUM_LET = 6; // '.'
const MID_NUM = 7; // ',' ';'
const SINGLE_QUOTE = 8; // "'"
const LESS_THAN = 9; // '<': may open a typed token, otherwise OTHER

const CLASS = buildClasses();

function buildClasses(): Uint8Array {
  const k = new Uint8Array(0x10000); // COMPLEX by default
  const set = (a: number, b: number, v: number) => k.fill(v, a, b + 1);
  set(0x41, 0x5a, LETTER);
  set(0x61, 0x7a, LETTER);
  set(0xc0, 0xd6, LETTER);
  set(0xd8, 0xf6, LETTER);
  set(0xf8, 0x24f, LETTER);
  set(0x0621, 0x063a, LETTER);
  set(0x0640, 0x064a, LETTER); // tatweel is ALetter too
  set(0x0671, 0x06d3, LETTER);
  set(0x30, 0x39, DIGIT);
  set(0x0660, 0x0669, DIGIT);
  set(0x06f0, 0x06f9, DIGIT);
  for (const c of [0x20, 0x09, 0x0a, 0x0d]) k[c] = SPACE;
  for (const ch of '!#$%&()*+-/=>?@[\\]^`{|}~"') k[ch.charCodeAt(0)] = OTHER;
  for (const c of [0x061f, 0x00ab, 0x00bb]) k[c] = OTHER; // ؟ « »
  k[0x3a] = MID_LETTER;
  k[0x2e] = MID_NUM_LET;
  k[0x2c] = MID_NUM;
  k[0x3b] = MID_NUM;
  k[0x060c] = MID_NUM; // ، Arabic comma
  k[0x27] = SINGLE_QUOTE;
  k[0x3c] = LESS_THAN;
  return k;
}

const TYPED_SPLIT = /<(?:url|email|user|num|emoji)>/g;

/** Length of the typed token starting at `i`, or 0. */
function typedAt(s: string, i: number): number {
  for (const t of TYPED_TOKENS) if (s.startsWith(t, i)) return t.length;
  return 0;
}

const segmenter = new Intl.Segmenter('ar', { granularity: 'word' });

/** Token ranges of the last scan; reused between calls (the featurizer's hot path). */
export class TokenSpans {
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  /** 1 where the token is a typed token such as `<url>`. */
  typed = new Uint8Array(1024);
  count = 0;

  push(start: number, end: number, typed: number): void {
    if (this.count === this.starts.length) {
      const n = this.count * 2;
      const s = new Int32Array(n);
      s.set(this.starts);
      this.starts = s;
      const e = new Int32Array(n);
      e.set(this.ends);
      this.ends = e;
      const t = new Uint8Array(n);
      t.set(this.typed);
      this.typed = t;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.typed[this.count] = typed;
    this.count++;
  }
}

/** Fills `out` with the word tokens of `s` (as ranges). */
export function scanTokens(s: string, out: TokenSpans): void {
  out.count = 0;
  const n = s.length;
  let i = 0;
  while (i < n) {
    // Skip whitespace to the next chunk.
    while (i < n && CLASS[s.charCodeAt(i)] === SPACE) i++;
    if (i >= n) break;
    let end = i;
    let simple = true;
    while (end < n) {
      const k = CLASS[s.charCodeAt(end)]!;
      if (k === SPACE) break;
      if (k === COMPLEX) simple = false;
      end++;
    }
    if (simple) scanSimple(s, i, end, out);
    else segmentChunk(s, i, end, out);
    i = end;
  }
}

function scanSimple(s: string, start: number, end: number, out: TokenSpans): void {
  let i = start;
  while (i < end) {
    const k = CLASS[s.charCodeAt(i)]!;
    if (k === LETTER || k === DIGIT) {
      const from = i;
      let prev = k;
      i++;
      while (i < end) {
        const c = CLASS[s.charCodeAt(i)]!;
        if (c === LETTER || c === DIGIT) {
          prev = c;
          i++;
          continue;
        }
        // WB6/7 (letter mid letter) and WB11/12 (digit mid digit).
        if (i + 1 < end) {
          const next = CLASS[s.charCodeAt(i + 1)]!;
          if (
            (prev === LETTER && next === LETTER && (c === MID_LETTER || c === MID_NUM_LET || c === SINGLE_QUOTE)) ||
            (prev === DIGIT && next === DIGIT && (c === MID_NUM || c === MID_NUM_LET || c === SINGLE_QUOTE))
          ) {
            prev = next;
            i += 2;
            continue;
          }
        }
        break;
      }
      out.push(from, i, 0);
    } else if (k === LESS_THAN) {
      const len = typedAt(s, i);
      if (len > 0) {
        out.push(i, i + len, 1);
        i += len;
      } else {
        i++;
      }
    } else {
      i++;
    }
  }
}

function segmentChunk(s: string, start: number, end: number, out: TokenSpans): void {
  const chunk = s.slice(start, end);
  TYPED_SPLIT.lastIndex = 0;
  let from = 0;
  for (let m = TYPED_SPLIT.exec(chunk); m !== null; m = TYPED_SPLIT.exec(chunk)) {
    segmentPiece(chunk.slice(from, m.index), start + from, out);
    out.push(start + m.index, start + m.index + m[0].length, 1);
    from = m.index + m[0].length;
  }
  segmentPiece(from === 0 ? chunk : chunk.slice(from), start + from, out);
}

function segmentPiece(piece: string, offset: number, out: TokenSpans): void {
  if (piece.length === 0) return;
  for (const seg of segmenter.segment(piece)) {
    if (seg.isWordLike) out.push(offset + seg.index, offset + seg.index + seg.segment.length, 0);
  }
}

/** Word tokens of a (normalized) text: Intl.Segmenter word-like segments, typed tokens kept whole. */
export function tokenize(normalized: string): string[] {
  const spans = new TokenSpans();
  scanTokens(normalized, spans);
  const tokens: string[] = new Array<string>(spans.count);
  for (let t = 0; t < spans.count; t++) tokens[t] = normalized.slice(spans.starts[t], spans.ends[t]);
  return tokens;
}
