// Arabic contextual shaping for terminals that draw one glyph per code point and do not shape: each
// letter becomes its isolated, final, initial or medial presentation form (Arabic Presentation
// Forms-B, plus Forms-A for the Persian/Maghrebi letters that have them) and lam + alef becomes one
// ligature, so words render joined. Joining types follow Unicode's ArabicShaping.txt. Works on logical
// order, before bidi reordering, because joining is defined on logical neighbours.

/** [isolated, final, initial, medial]; right-joining letters have only the first two. */
type Forms = readonly [number, number] | readonly [number, number, number, number];

const FORMS = new Map<number, Forms>([
  [0x0621, [0xfe80, 0xfe80]], // ء hamza: non-joining, listed only for its isolated form
  [0x0622, [0xfe81, 0xfe82]],
  [0x0623, [0xfe83, 0xfe84]],
  [0x0624, [0xfe85, 0xfe86]],
  [0x0625, [0xfe87, 0xfe88]],
  [0x0626, [0xfe89, 0xfe8a, 0xfe8b, 0xfe8c]],
  [0x0627, [0xfe8d, 0xfe8e]],
  [0x0628, [0xfe8f, 0xfe90, 0xfe91, 0xfe92]],
  [0x0629, [0xfe93, 0xfe94]],
  [0x062a, [0xfe95, 0xfe96, 0xfe97, 0xfe98]],
  [0x062b, [0xfe99, 0xfe9a, 0xfe9b, 0xfe9c]],
  [0x062c, [0xfe9d, 0xfe9e, 0xfe9f, 0xfea0]],
  [0x062d, [0xfea1, 0xfea2, 0xfea3, 0xfea4]],
  [0x062e, [0xfea5, 0xfea6, 0xfea7, 0xfea8]],
  [0x062f, [0xfea9, 0xfeaa]],
  [0x0630, [0xfeab, 0xfeac]],
  [0x0631, [0xfead, 0xfeae]],
  [0x0632, [0xfeaf, 0xfeb0]],
  [0x0633, [0xfeb1, 0xfeb2, 0xfeb3, 0xfeb4]],
  [0x0634, [0xfeb5, 0xfeb6, 0xfeb7, 0xfeb8]],
  [0x0635, [0xfeb9, 0xfeba, 0xfebb, 0xfebc]],
  [0x0636, [0xfebd, 0xfebe, 0xfebf, 0xfec0]],
  [0x0637, [0xfec1, 0xfec2, 0xfec3, 0xfec4]],
  [0x0638, [0xfec5, 0xfec6, 0xfec7, 0xfec8]],
  [0x0639, [0xfec9, 0xfeca, 0xfecb, 0xfecc]],
  [0x063a, [0xfecd, 0xfece, 0xfecf, 0xfed0]],
  [0x0641, [0xfed1, 0xfed2, 0xfed3, 0xfed4]],
  [0x0642, [0xfed5, 0xfed6, 0xfed7, 0xfed8]],
  [0x0643, [0xfed9, 0xfeda, 0xfedb, 0xfedc]],
  [0x0644, [0xfedd, 0xfede, 0xfedf, 0xfee0]],
  [0x0645, [0xfee1, 0xfee2, 0xfee3, 0xfee4]],
  [0x0646, [0xfee5, 0xfee6, 0xfee7, 0xfee8]],
  [0x0647, [0xfee9, 0xfeea, 0xfeeb, 0xfeec]],
  [0x0648, [0xfeed, 0xfeee]],
  // ى is dual-joining in ArabicShaping.txt, but Forms-B has no initial/medial glyph for it and Arabic
  // writes it only word-finally, so it is treated as right-joining like the shapers that use Forms-B.
  [0x0649, [0xfeef, 0xfef0]],
  [0x064a, [0xfef1, 0xfef2, 0xfef3, 0xfef4]],
  // Forms-A letters seen in Maghrebi, Persian and Urdu text.
  [0x0671, [0xfb50, 0xfb51]], // ٱ alef wasla
  [0x067e, [0xfb56, 0xfb57, 0xfb58, 0xfb59]], // پ
  [0x0686, [0xfb7a, 0xfb7b, 0xfb7c, 0xfb7d]], // چ
  [0x0698, [0xfb8a, 0xfb8b]], // ژ
  [0x06a4, [0xfb6a, 0xfb6b, 0xfb6c, 0xfb6d]], // ڤ (Maghrebi v)
  [0x06a9, [0xfb8e, 0xfb8f, 0xfb90, 0xfb91]], // ک
  [0x06ad, [0xfbd3, 0xfbd4, 0xfbd5, 0xfbd6]], // ڭ (Moroccan g)
  [0x06af, [0xfb92, 0xfb93, 0xfb94, 0xfb95]], // گ
  [0x06cc, [0xfbfc, 0xfbfd, 0xfbfe, 0xfbff]], // ی
]);

/** Lam-alef ligatures by alef: [isolated, final]. */
const LAM_ALEF = new Map<number, readonly [number, number]>([
  [0x0622, [0xfef5, 0xfef6]], // ﻵ
  [0x0623, [0xfef7, 0xfef8]], // ﻷ
  [0x0625, [0xfef9, 0xfefa]], // ﻹ
  [0x0627, [0xfefb, 0xfefc]], // ﻻ
]);
const LAM = 0x0644;

// Decomposed hamza and madda (alef + U+0654 and friends, common in scraped text) are composed first,
// as NFC would, so that they take the letter's own presentation forms and lam-alef ligatures.
const COMPOSITIONS = new Map<number, number>([
  [0x0627 * 0x10000 + 0x0653, 0x0622], // ا + madda → آ
  [0x0627 * 0x10000 + 0x0654, 0x0623], // ا + hamza above → أ
  [0x0627 * 0x10000 + 0x0655, 0x0625], // ا + hamza below → إ
  [0x0648 * 0x10000 + 0x0654, 0x0624], // و + hamza above → ؤ
  [0x064a * 0x10000 + 0x0654, 0x0626], // ي + hamza above → ئ
]);

/**
 * Joining type per ArabicShaping.txt: D dual, R right (joins only to the letter before it in logical
 * order), C join-causing (tatweel, ZWJ), U non-joining, T transparent (marks; skipped when looking
 * for neighbours).
 */
export type JoiningType = 'D' | 'R' | 'C' | 'U' | 'T';

// Letters of the Arabic block without presentation forms still join, so their neighbours take the
// right form even when the letter itself is drawn from its nominal glyph.
const RIGHT_JOINING_RANGES: readonly (readonly [number, number])[] = [
  [0x0671, 0x0673],
  [0x0675, 0x0677],
  [0x0688, 0x0699],
  [0x06c0, 0x06c0],
  [0x06c3, 0x06cb],
  [0x06cd, 0x06cd],
  [0x06cf, 0x06cf],
  [0x06d2, 0x06d3],
  [0x06d5, 0x06d5],
  [0x06ee, 0x06ef],
  [0x0759, 0x075b],
  [0x076b, 0x076c],
  [0x0771, 0x0771],
  [0x0773, 0x0774],
  [0x0778, 0x0779],
];
const DUAL_JOINING_RANGES: readonly (readonly [number, number])[] = [
  [0x0620, 0x0620],
  [0x066e, 0x066f],
  [0x0678, 0x0687],
  [0x069a, 0x06bf],
  [0x06c1, 0x06c2],
  [0x06cc, 0x06cc],
  [0x06ce, 0x06ce],
  [0x06d0, 0x06d1],
  [0x06fa, 0x06fc],
  [0x06ff, 0x06ff],
  [0x0750, 0x077f],
];
const TRANSPARENT = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

function inRanges(cp: number, ranges: readonly (readonly [number, number])[]): boolean {
  for (const [a, b] of ranges) if (cp >= a && cp <= b) return true;
  return false;
}

export function joiningType(cp: number): JoiningType {
  const forms = FORMS.get(cp);
  if (forms !== undefined) {
    if (cp === 0x0621) return 'U';
    return forms.length === 4 ? 'D' : 'R';
  }
  if (cp === 0x0640 || cp === 0x200d) return 'C';
  if (cp === 0x200c) return 'U';
  if (cp >= 0x0600 && cp <= 0x08ff) {
    if (inRanges(cp, RIGHT_JOINING_RANGES)) return 'R';
    if (inRanges(cp, DUAL_JOINING_RANGES)) return 'D';
  }
  // Arabic number signs (U+0600..0605, U+06DD, U+08E2) are Cf yet explicitly non-joining.
  if ((cp >= 0x0600 && cp <= 0x0605) || cp === 0x06dd || cp === 0x08e2) return 'U';
  if (cp < 0x0300) return 'U';
  return TRANSPARENT.test(String.fromCodePoint(cp)) ? 'T' : 'U';
}

const joinsForward = (t: JoiningType | undefined): boolean => t === 'D' || t === 'C';
const joinsBackward = (t: JoiningType | undefined): boolean => t === 'D' || t === 'R' || t === 'C';

const NEEDS_SHAPING = /[\u0620-\u06ff\u0750-\u077f]/;

/** Shaped text plus, for each UTF-16 unit of it, the offset in the input it came from (a composed or ligated pair maps to its first unit). */
export interface ShapedText {
  text: string;
  origins: number[];
}

/** Contextual shaping with a map back to the input, so highlighting survives lam-alef merging. */
export function shapeWithOrigins(logical: string): ShapedText {
  if (!NEEDS_SHAPING.test(logical)) {
    return { text: logical, origins: Array.from({ length: logical.length }, (_, i) => i) };
  }
  const cps: number[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < logical.length;) {
    const cp = logical.codePointAt(i) as number;
    const composed = COMPOSITIONS.get(cp * 0x10000 + logical.charCodeAt(i + 1));
    cps.push(composed ?? cp);
    offsets.push(i);
    i += composed !== undefined ? 2 : cp > 0xffff ? 2 : 1;
  }
  const types = cps.map(joiningType);
  // Nearest non-transparent neighbour on each side, in logical order.
  const prev = new Array<JoiningType | undefined>(cps.length);
  const next = new Array<number>(cps.length);
  let last: JoiningType | undefined;
  for (let i = 0; i < cps.length; i++) {
    prev[i] = last;
    if (types[i] !== 'T') last = types[i];
  }
  let following = -1;
  for (let i = cps.length - 1; i >= 0; i--) {
    next[i] = following;
    if (types[i] !== 'T') following = i;
  }

  let text = '';
  const origins: number[] = [];
  const emit = (cp: number, origin: number): void => {
    const s = String.fromCodePoint(cp);
    text += s;
    for (let k = 0; k < s.length; k++) origins.push(origin);
  };
  const skipped = new Set<number>();
  for (let i = 0; i < cps.length; i++) {
    if (skipped.has(i)) continue;
    const cp = cps[i] as number;
    const type = types[i] as JoiningType;
    const origin = offsets[i] as number;
    const forms = FORMS.get(cp);
    if (forms === undefined || type === 'U') {
      emit(forms === undefined ? cp : forms[0], origin);
      continue;
    }
    const joinsPrev = joinsForward(prev[i]);
    const n = next[i] as number;
    if (cp === LAM && n >= 0) {
      const ligature = LAM_ALEF.get(cps[n] as number);
      if (ligature !== undefined) {
        emit(joinsPrev ? ligature[1] : ligature[0], origin);
        // Marks between lam and alef belong to the lam; they now sit on the ligature.
        for (let k = i + 1; k < n; k++) emit(cps[k] as number, offsets[k] as number);
        for (let k = i + 1; k <= n; k++) skipped.add(k);
        continue;
      }
    }
    const joinsNext = forms.length === 4 && n >= 0 && joinsBackward(types[n]);
    let form: number;
    if (forms.length === 4) {
      form = joinsPrev ? (joinsNext ? forms[3] : forms[1]) : joinsNext ? forms[2] : forms[0];
    } else {
      form = joinsPrev ? forms[1] : forms[0];
    }
    emit(form, origin);
  }
  return { text, origins };
}

/** Contextual shaping of logical-order Arabic into presentation forms; other text is unchanged. */
export function shapeArabic(logical: string): string {
  return shapeWithOrigins(logical).text;
}
