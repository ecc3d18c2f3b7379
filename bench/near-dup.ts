// Near-copy grouping quality on a labeled set of pairs built from real articles:
//   npx tsx bench/near-dup.ts [--data ../shared/data/topics_train.csv] [--pairs 600] [--seed 7]
// Copies ("syndicated"): an article republished with realistic edits — a new headline, an agency tag
// "(وكالات)" after a dateline, a changed first sentence, a changed or dropped last sentence, page
// furniture ("اقرأ أيضا", share lines) — alone and combined. Different stories: pairs of distinct
// articles of the same topic that share the most vocabulary (the closest same-topic pairs in the
// corpus, i.e. stories on one subject or event), minus pairs whose texts share a long passage
// (real syndicated copies inside the corpus, which would be mislabeled as different).
// Reports, per threshold, precision and recall of "same group" (signature similarity ≥ threshold
// and an LSH band shared, as the import decides), and recall per edit kind.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { identityOf } from '../src/ingest/draft.js';
import { splitTitle } from '../src/ingest/draft.js';
import { bandKeys, similarity } from '../src/text/near-dup.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: process.env.MIZAN_DATA ?? '/work/shared/data/topics_train.csv' },
    pairs: { type: 'string', default: '600' },
    seed: { type: 'string', default: '7' },
  },
});
let seed = Number(values.seed);
const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const rows = Papa.parse<{ id: string; text: string; topic: string }>(readFileSync(values.data, 'utf8'), { header: true, skipEmptyLines: true }).data;
const articles = rows.map((r) => ({ ...splitTitle(r.text), topic: r.topic }));
const sentences = (t: string) => t.split(/(?<=[.!؟?])\s+/u).filter((s) => s.trim() !== '');

type Edit = (a: { title: string; body: string }) => { title: string; body: string };
const other = () => pick(articles);
const EDITS: Record<string, Edit> = {
  headline: (a) => ({ title: sentences(other().body)[0]!.slice(0, 90), body: a.body }),
  agency: (a) => ({ title: a.title, body: `${pick(['القاهرة', 'بيروت', 'دبي', 'الرباط'])} (وكالات) - ${a.body}` }),
  first: (a) => {
    const s = sentences(a.body);
    return { title: a.title, body: [sentences(other().body)[0]!, ...s.slice(1)].join(' ') };
  },
  last: (a) => {
    const s = sentences(a.body);
    return { title: a.title, body: s.length > 2 ? [...s.slice(0, -1), sentences(other().body).at(-1)!].join(' ') : a.body };
  },
  furniture: (a) => ({ title: a.title, body: `${a.body}\n\nاقرأ أيضا: ${other().title}\n\nشارك هذا المقال على فيسبوك تويتر واتساب` }),
};
const COMBOS: string[][] = [
  ['headline'],
  ['agency'],
  ['first'],
  ['last'],
  ['furniture'],
  ['headline', 'agency'],
  ['headline', 'first', 'last'],
  ['headline', 'agency', 'first', 'last', 'furniture'],
];

interface Pair {
  a: { title: string; body: string };
  b: { title: string; body: string };
  copy: boolean;
  kind: string;
}
const pairs: Pair[] = [];
const n = Number(values.pairs);
for (let i = 0; i < n; i++) {
  const a = pick(articles);
  if (sentences(a.body).length < 3) continue;
  const combo = COMBOS[i % COMBOS.length]!;
  pairs.push({ a, b: combo.reduce<{ title: string; body: string }>((x, e) => EDITS[e]!(x), a), copy: true, kind: combo.join('+') });
}

// Different stories: for sampled articles, the same-topic article with the largest word overlap.
const words = (t: string) => new Set(t.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2));
const wordSets = articles.map((a) => words(a.body));
const byTopic = new Map<string, number[]>();
articles.forEach((a, i) => byTopic.set(a.topic, [...(byTopic.get(a.topic) ?? []), i]));
const jaccard = (x: Set<string>, y: Set<string>) => {
  let inter = 0;
  for (const w of x) if (y.has(w)) inter++;
  return inter / (x.size + y.size - inter);
};
const shingles = (t: string) => {
  const w = t.split(/[^\p{L}\p{N}]+/u).filter((x) => x !== '');
  const s = new Set<string>();
  for (let i = 0; i + 8 <= w.length; i++) s.add(w.slice(i, i + 8).join(' '));
  return s;
};
let negatives = 0;
let skippedCopies = 0;
while (negatives < n) {
  const i = Math.floor(rand() * articles.length);
  const pool = byTopic.get(articles[i]!.topic)!;
  let best = -1;
  let bestJ = 0;
  for (let k = 0; k < 400; k++) {
    const j = pick(pool);
    if (j === i) continue;
    const s = jaccard(wordSets[i]!, wordSets[j]!);
    if (s > bestJ) [best, bestJ] = [j, s];
  }
  if (best < 0) continue;
  // A shared 8-word passage: the corpus's own syndicated copy, not a different story.
  const a8 = shingles(articles[i]!.body);
  if ([...shingles(articles[best]!.body)].some((s) => a8.has(s))) {
    skippedCopies++;
    continue;
  }
  pairs.push({ a: articles[i]!, b: articles[best]!, copy: false, kind: 'same-topic' });
  negatives++;
}

const scored = pairs.map((p) => {
  const sa = identityOf(p.a, true).signature;
  const sb = identityOf(p.b, true).signature;
  if (sa == null || sb == null) return { ...p, s: 0, band: false };
  const ka = new Set(bandKeys(sa));
  return { ...p, s: similarity(sa, sb), band: bandKeys(sb).some((k) => ka.has(k)) };
});
console.log(
  `pairs: ${scored.filter((p) => p.copy).length} copies, ${negatives} different same-topic stories (${skippedCopies} candidate pairs dropped as real copies)`,
);
console.log('threshold  precision  recall  false-merges');
for (const t of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
  const said = scored.filter((p) => p.band && p.s >= t);
  const tp = said.filter((p) => p.copy).length;
  const fp = said.length - tp;
  const pos = scored.filter((p) => p.copy).length;
  console.log(`${t.toFixed(1)}        ${(tp / Math.max(1, said.length)).toFixed(3)}      ${(tp / pos).toFixed(3)}   ${fp}`);
}
console.log('\nrecall by edit at each threshold (0.4 / 0.5 / 0.6 / 0.7):');
for (const combo of COMBOS) {
  const kind = combo.join('+');
  const ps = scored.filter((p) => p.kind === kind);
  const r = [0.4, 0.5, 0.6, 0.7].map((t) => (ps.filter((p) => p.band && p.s >= t).length / ps.length).toFixed(2));
  console.log(`  ${kind.padEnd(40)} ${r.join(' / ')}  (n=${ps.length})`);
}
const neg = scored
  .filter((p) => !p.copy)
  .map((p) => p.s)
  .sort((a, b) => b - a);
console.log(`\ndifferent stories: max similarity ${neg[0]?.toFixed(3)}, 99th percentile ${neg[Math.floor(neg.length * 0.01)]?.toFixed(3)}`);
