// The straightforward way to compute the same features: Intl.Segmenter for words, strings for every
// n-gram, bigram and stem, hash32 per string, a Map for counts. The throughput bench uses it as the
// peer to beat and checks that the fast path gives identical vectors on the whole corpus.
import { KIND_SEEDS, bucketOf, hash32, lightStem, normalize } from '../../src/text/pipeline.js';
import type { PipelineConfig, SparseVector } from '../../src/text/types.js';

const segmenter = new Intl.Segmenter('ar', { granularity: 'word' });
const TYPED = /(<(?:url|email|user|num|emoji)>)/;
const MAX_CHAR_NGRAM_TOKEN = 64;

function naiveTokens(s: string): { token: string; typed: boolean }[] {
  const out: { token: string; typed: boolean }[] = [];
  for (const chunk of s.split(/[ \t\n\r]+/)) {
    for (const piece of chunk.split(TYPED)) {
      if (TYPED.test(piece) && piece.length === piece.match(TYPED)![0].length) {
        out.push({ token: piece, typed: true });
        continue;
      }
      for (const seg of segmenter.segment(piece)) if (seg.isWordLike) out.push({ token: seg.segment, typed: false });
    }
  }
  return out;
}

function isArabicWord(w: string): boolean {
  return w.length >= 2 && /^[\u0621-\u063F\u0641-\u064A\u0671-\u06D3]+$/.test(w);
}

export function naiveFeaturize(text: string, config: PipelineConfig): SparseVector {
  const f = config.features;
  const s = normalize(text, config.normalize);
  const counts = new Map<number, number>();
  const add = (term: string, seed: number) => {
    const id = bucketOf(hash32(term, seed), f.hashBits);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  const tokens = naiveTokens(s);
  tokens.forEach(({ token, typed }, i) => {
    if (f.wordUnigrams) add(token, KIND_SEEDS.word);
    if (f.wordBigrams && i > 0) add(`${tokens[i - 1]!.token} ${token}`, KIND_SEEDS.bigram);
    if (typed) return;
    if (f.stems && isArabicWord(token)) add(lightStem(token), KIND_SEEDS.stem);
    if (f.charNgrams && token.length <= MAX_CHAR_NGRAM_TOKEN) {
      const padded = ` ${token} `;
      for (let n = f.charNgrams.min; n <= f.charNgrams.max; n++) {
        for (let p = 0; p + n <= padded.length; p++) {
          const g = padded.slice(p, p + n);
          if (g !== ' ') add(g, KIND_SEEDS.char);
        }
      }
    }
  });
  const ids = Uint32Array.from([...counts.keys()].sort((a, b) => a - b));
  const values = Float32Array.from(ids, (id) => (f.sublinearTf ? 1 + Math.log(counts.get(id)!) : counts.get(id)!));
  return { ids, values };
}
