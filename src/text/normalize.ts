import { DEFAULT_PIPELINE } from './config.js';
import type { NormalizeOptions } from './types.js';
import { nfcMayChange } from './nfc-check.js';
import { HAS_AT, HAS_DIGIT, HAS_EMOJI, replaceTyped } from './typed-tokens.js';

// One table-driven pass over the UTF-16 code units does every per-character step (diacritics,
// tatweel, letter unification, digits, punctuation, case, invisible characters, whitespace);
// regular expressions are used only for the typed tokens, which need context.

const KEEP_CHECK_ZWJ = -3;
const SPACE = -2;
const DELETE = -1;

export { NUMBER_RULE, replaceNumbers, TYPED_TOKENS } from './typed-tokens.js';
export type { TypedToken } from './typed-tokens.js';

// Harakat, tanwin, shadda, sukun, combining maddah/hamza, dagger alef, Quranic annotation marks.
const DIACRITIC_RANGES: readonly (readonly [number, number])[] = [
  [0x0610, 0x061a],
  [0x064b, 0x065f],
  [0x0670, 0x0670],
  [0x06d6, 0x06dc],
  [0x06df, 0x06e4],
  [0x06e7, 0x06e8],
  [0x06ea, 0x06ed],
  [0x08d3, 0x08e1],
  [0x08e3, 0x08ff],
];

const WHITESPACE = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
  0x2029, 0x202f, 0x205f, 0x3000,
];

// Invisible format and control characters: C0/C1 controls, soft hyphen, Arabic letter mark, ZWSP,
// ZWNJ, LRM/RLM, bidi embeddings/overrides/isolates, word joiner, invisible operators, BOM.
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x0008],
  [0x000e, 0x001f],
  [0x007f, 0x0084],
  [0x0086, 0x009f],
  [0x00ad, 0x00ad],
  [0x061c, 0x061c],
  [0x180e, 0x180e],
  [0x200b, 0x200c],
  [0x200e, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2064],
  [0x2066, 0x206f],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
];

const PUNCTUATION: readonly (readonly [number, string])[] = [
  [0x060c, ','], // ، Arabic comma
  [0x061b, ';'], // ؛ Arabic semicolon
  [0x061f, '?'], // ؟ Arabic question mark
  [0x066a, '%'], // ٪ Arabic percent
  [0x066b, '.'], // ٫ Arabic decimal separator
  [0x066c, ','], // ٬ Arabic thousands separator
  [0x066d, '*'], // ٭ Arabic five-pointed star
  [0x06d4, '.'], // ۔ Arabic full stop
  [0x00ab, '"'], // «
  [0x00bb, '"'], // »
  [0x201c, '"'],
  [0x201d, '"'],
  [0x201e, '"'],
  [0x201f, '"'],
  [0x2018, "'"],
  [0x2019, "'"],
  [0x201a, "'"],
  [0x201b, "'"],
  [0x2039, "'"],
  [0x203a, "'"],
  [0x2010, '-'],
  [0x2011, '-'],
  [0x2012, '-'],
  [0x2013, '-'],
  [0x2014, '-'],
  [0x2015, '-'],
  [0x2026, '.'], // … (one stop: the tokenizer only needs a sentence break)
  [0xfd3e, '('], // ﴾ ornate parentheses
  [0xfd3f, ')'],
];

function buildTable(o: NormalizeOptions): Int32Array {
  const t = new Int32Array(0x10000);
  for (let c = 0; c < t.length; c++) t[c] = c;
  if (o.stripDiacritics) for (const [a, b] of DIACRITIC_RANGES) t.fill(DELETE, a, b + 1);
  if (o.stripTatweel) t[0x0640] = DELETE;
  if (o.unifyAlef) for (const c of [0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673]) t[c] = 0x0627;
  if (o.alefMaqsura) t[0x0649] = 0x064a;
  if (o.taaMarbuta) t[0x0629] = 0x0647;
  if (o.hamzaSeats) {
    t[0x0624] = 0x0648; // ؤ → و
    t[0x0626] = 0x064a; // ئ → ي
  }
  if (o.digits) {
    for (let i = 0; i < 10; i++) {
      t[0x0660 + i] = 0x30 + i;
      t[0x06f0 + i] = 0x30 + i;
    }
  }
  if (o.punctuation) for (const [c, to] of PUNCTUATION) t[c] = to.charCodeAt(0);
  if (o.lowercaseLatin) {
    for (let c = 0x41; c <= 0x5a; c++) t[c] = c + 0x20;
    const latin: (readonly [number, number])[] = [
      [0xc0, 0x24f],
      [0x1e00, 0x1eff],
    ];
    for (const [a, b] of latin) {
      for (let c = a; c <= b; c++) {
        const lower = String.fromCharCode(c).toLowerCase();
        if (lower.length === 1 && lower.charCodeAt(0) !== c) t[c] = lower.charCodeAt(0);
      }
    }
    t[0x0130] = 0x69; // İ lower-cases to i + combining dot; plain i is what a reader means
  }
  if (o.cleanInvisible) {
    for (const [a, b] of INVISIBLE_RANGES) t.fill(DELETE, a, b + 1);
    for (const c of WHITESPACE) t[c] = SPACE;
    t[0x200d] = KEEP_CHECK_ZWJ;
  }
  return t;
}

const tables = new Map<number, Int32Array>();

function optionsKey(o: NormalizeOptions): number {
  return (
    (o.stripDiacritics ? 1 : 0) |
    (o.stripTatweel ? 2 : 0) |
    (o.unifyAlef ? 4 : 0) |
    (o.alefMaqsura ? 8 : 0) |
    (o.taaMarbuta ? 16 : 0) |
    (o.hamzaSeats ? 32 : 0) |
    (o.digits ? 64 : 0) |
    (o.punctuation ? 128 : 0) |
    (o.lowercaseLatin ? 256 : 0) |
    (o.cleanInvisible ? 512 : 0)
  );
}

function tableFor(o: NormalizeOptions): Int32Array {
  const key = optionsKey(o);
  let t = tables.get(key);
  if (t === undefined) {
    t = buildTable(o);
    tables.set(key, t);
  }
  return t;
}

// What the map pass saw in its output (HAS_DIGIT, HAS_AT, HAS_EMOJI from typed-tokens.ts), so the
// typed-token passes can be skipped cheaply.
/** A combining mark (or Hangul vowel/final jamo): NFC may compose it with what the map produced. */
const HAS_MARK = 8;
const OUTPUT_FLAGS = buildOutputFlags();

function buildOutputFlags(): Uint8Array {
  const f = new Uint8Array(0x10000);
  for (const [a, b] of [
    [0x30, 0x39],
    [0x0660, 0x0669],
    [0x06f0, 0x06f9],
  ] as const) {
    f.fill(HAS_DIGIT, a, b + 1);
  }
  f[0x40] = HAS_AT;
  // Everything \p{Extended_Pictographic} or \p{Regional_Indicator} can start with.
  const emoji: (readonly [number, number])[] = [
    [0x203c, 0x203c],
    [0x2049, 0x2049],
    [0x2139, 0x2139],
    [0x2194, 0x21aa],
    [0x231a, 0x23ff],
    [0x24c2, 0x24c2],
    [0x25aa, 0x27bf],
    [0x2934, 0x2935],
    [0x2b05, 0x2b55],
    [0x3030, 0x3030],
    [0x303d, 0x303d],
    [0x3297, 0x3297],
    [0x3299, 0x3299],
    [0xd83c, 0xd83f],
  ];
  for (const [a, b] of emoji) f.fill(HAS_EMOJI, a, b + 1);
  const mark = /^\p{M}$/u;
  for (let c = 0x300; c < 0x10000; c++) {
    if ((c < 0xd800 || c > 0xdfff) && mark.test(String.fromCharCode(c))) f[c] = f[c]! | HAS_MARK;
  }
  f.fill(HAS_MARK, 0x1161, 0x11c3);
  return f;
}

/** Scratch and side results of mapUnits (one object: V8 guards module-level lets in hot loops). */
const state = {
  out: new Uint16Array(1 << 16),
  deleted: false,
  flags: 0,
};

/** Is `u` the kind of code unit an emoji ZWJ sequence continues from? */
function isEmojiTail(u: number): boolean {
  return (u >= 0xdc00 && u <= 0xdfff) || (u >= 0x2190 && u <= 0x2bff) || u === 0xfe0f;
}

/**
 * Applies the per-character table. With `clean`, whitespace runs collapse to one space, the ends
 * are trimmed, lone surrogates are dropped, and ZWJ survives only inside emoji sequences.
 * Sets state.deleted (something was removed) and state.flags (HAS_* of the output).
 */
function mapUnits(s: string, t: Int32Array, clean: boolean): string {
  const n = s.length;
  if (state.out.length < n) state.out = new Uint16Array(Math.max(n, state.out.length * 2));
  const buf = state.out;
  const outFlags = OUTPUT_FLAGS;
  let flags = 0;
  let len = 0;
  let changed = false;
  let deleted = false;
  let pendingSpace = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let m = t[c]!;
    if (clean && c >= 0xd800 && c <= 0xdfff) {
      // Surrogates: keep a well-formed pair as is, drop a lone half.
      if (c <= 0xdbff && i + 1 < n) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          if (pendingSpace) {
            if (len > 0) buf[len++] = 0x20;
            pendingSpace = false;
          }
          flags |= outFlags[c]!;
          buf[len++] = c;
          buf[len++] = d;
          i++;
          continue;
        }
      }
      changed = true;
      deleted = true;
      continue;
    }
    if (m >= 0) {
      if (pendingSpace) {
        if (len > 0) buf[len++] = 0x20;
        pendingSpace = false;
      }
      if (m !== c) changed = true;
      flags |= outFlags[m]!;
      buf[len++] = m;
    } else if (m === SPACE) {
      // A single ASCII space between two kept characters is unchanged; anything else is a change.
      if (c !== 0x20 || pendingSpace || len === 0) changed = true;
      pendingSpace = true;
    } else if (m === DELETE) {
      changed = true;
      deleted = true;
    } else {
      // ZWJ: part of an emoji sequence, or misuse.
      m = c;
      if (!pendingSpace && len > 0 && isEmojiTail(buf[len - 1]!)) {
        buf[len++] = m;
      } else {
        changed = true;
        deleted = true;
      }
    }
  }
  if (pendingSpace) changed = true; // trailing whitespace trimmed
  state.deleted = deleted;
  state.flags = flags;
  if (!changed) return s;
  return unitsToString(buf, len);
}

/** The code units as a string: a copy, exact (lone surrogates kept), without ICU (TextDecoder's way). */
function unitsToString(buf: Uint16Array, len: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset, len * 2).toString('utf16le');
}

/**
 * Normalizes Arabic (and French/English) text according to `opts`. Idempotent for every option
 * set: normalize(normalize(x)) === normalize(x). Never throws.
 */
export function normalize(text: string, opts: NormalizeOptions = DEFAULT_PIPELINE.normalize): string {
  let s = typeof text === 'string' ? text : String(text);
  if (opts.nfc && nfcMayChange(s)) s = s.normalize('NFC');
  const t = tableFor(opts);
  s = mapUnits(s, t, opts.cleanInvisible);
  // Deleting a character can unblock a canonical composition, and a mapped letter can compose with a
  // mark that follows it (أ + madda → ا + madda → آ), and the composed letter may itself need
  // mapping: repeat until stable so that a second normalization changes nothing.
  for (let round = 0; opts.nfc && (state.deleted || (state.flags & HAS_MARK) !== 0) && round < 8; round++) {
    const composed = nfcMayChange(s) ? s.normalize('NFC') : s;
    if (composed === s) break;
    s = mapUnits(composed, t, opts.cleanInvisible);
  }
  if (opts.typedTokens) s = replaceTyped(s, opts.cleanInvisible, state.flags);
  return s;
}
