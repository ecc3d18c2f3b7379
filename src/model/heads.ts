// Which heads a training set can feed, and each example's labels as head-local class indices.
// A head with no labelled example is left out (a stance-only corpus trains no topic head); a head
// with labels needs at least two classes with MIN_PER_CLASS examples, or TooFewLabelsError.
import { TooFewLabelsError } from './errors.js';
import type { CodebookSpec, HeadSpec, TrainingExample } from './types.js';

export const MIN_PER_CLASS = 2;

/** Per example and head: a class index (softmax), a multi-hot vector (sigmoid), or null (masked). */
export type EncodedLabels = (number | Uint8Array | null)[];

export interface HeadPlan {
  heads: HeadSpec[];
  /** Head-local class → number of training examples, per head. */
  counts: number[][];
  /** `topic:<key>` / `stance:<target>=<value>` of trained heads with no example at all. */
  unseen: string[];
}

export function planHeads(examples: readonly TrainingExample[], spec: CodebookSpec): HeadPlan {
  const candidates: { head: Omit<HeadSpec, 'offset'>; name: (label: string) => string; count: number[]; labelled: number }[] = [];
  const topicLabels = spec.topics.map((t) => t.key);
  candidates.push({
    head: { field: 'topics', kind: spec.multiLabel ? 'sigmoid' : 'softmax', labels: topicLabels },
    name: (l) => `topic:${l}`,
    count: new Array<number>(topicLabels.length).fill(0),
    labelled: 0,
  });
  for (const t of spec.targets) {
    candidates.push({
      head: { field: `stance:${t.key}`, kind: 'softmax', labels: [...t.values] },
      name: (l) => `stance:${t.key}=${l}`,
      count: new Array<number>(t.values.length).fill(0),
      labelled: 0,
    });
  }
  const topicIndex = new Map(topicLabels.map((k, i) => [k, i]));
  const stanceIndex = new Map(spec.targets.map((t, i) => [t.key, { head: i + 1, values: new Map(t.values.map((v, j) => [v, j])) }]));
  for (const ex of examples) {
    if (ex.topics !== undefined) {
      const known = ex.topics.filter((k) => topicIndex.has(k));
      if (known.length > 0 || spec.multiLabel) {
        candidates[0]!.labelled++;
        for (const k of spec.multiLabel ? known : known.slice(0, 1)) candidates[0]!.count[topicIndex.get(k)!]!++;
      }
    }
    for (const [target, value] of Object.entries(ex.stance ?? {})) {
      const s = stanceIndex.get(target);
      const j = s?.values.get(value);
      if (s === undefined || j === undefined) continue;
      candidates[s.head]!.labelled++;
      candidates[s.head]!.count[j]!++;
    }
  }

  const active = candidates.filter((c) => c.labelled > 0);
  if (active.length === 0) {
    throw new TooFewLabelsError(
      candidates.flatMap((c) => c.head.labels.map((l) => ({ label: c.name(l), count: 0 }))),
      MIN_PER_CLASS,
    );
  }
  const lacking: { label: string; count: number }[] = [];
  for (const c of active) {
    // Learning needs something to tell apart: two classes with examples (for a multi-label topic
    // head too, or every article would get the one topic it has seen).
    const enough = c.count.filter((n) => n >= MIN_PER_CLASS).length;
    if (enough >= 2) continue;
    c.head.labels.forEach((l, j) => {
      if (c.count[j]! < MIN_PER_CLASS) lacking.push({ label: c.name(l), count: c.count[j]! });
    });
    if (c.head.labels.length < 2) lacking.push({ label: `${c.head.field}: a second class in the codebook`, count: 0 });
  }
  if (lacking.length > 0) throw new TooFewLabelsError(lacking, MIN_PER_CLASS);

  const heads: HeadSpec[] = [];
  let offset = 0;
  for (const c of active) {
    heads.push({ ...c.head, offset });
    offset += c.head.labels.length;
  }
  const unseen = active.flatMap((c) => c.head.labels.filter((_, j) => c.count[j] === 0).map((l) => c.name(l)));
  return { heads, counts: active.map((c) => c.count), unseen };
}

export function encodeLabels(ex: TrainingExample, heads: readonly HeadSpec[]): EncodedLabels {
  return heads.map((h) => {
    if (h.field === 'topics') {
      if (ex.topics === undefined) return null;
      if (h.kind === 'sigmoid') {
        const y = new Uint8Array(h.labels.length);
        for (const k of ex.topics) {
          const j = h.labels.indexOf(k);
          if (j >= 0) y[j] = 1;
        }
        return y;
      }
      const j = ex.topics.map((k) => h.labels.indexOf(k)).find((i) => i >= 0);
      return j ?? null;
    }
    const value = ex.stance?.[h.field.slice('stance:'.length)];
    if (value === undefined) return null;
    const j = h.labels.indexOf(value);
    return j >= 0 ? j : null;
  });
}
