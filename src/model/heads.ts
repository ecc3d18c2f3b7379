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

/**
 * How many more labels planHeads needs before it can train (0: it can): per head short of two
 * classes with MIN_PER_CLASS examples, what its fullest short classes lack. A lower bound: one
 * label may fill a topic and a stance class at once.
 */
export function labelsMissing(examples: readonly TrainingExample[], spec: CodebookSpec): number {
  try {
    planHeads(examples, spec);
    return 0;
  } catch (e) {
    if (!(e instanceof TooFewLabelsError)) throw e;
    // `topic:<key>` or `stance:<target>=<value>`: the classes of a short head that lack examples.
    const byHead = new Map<string, number[]>();
    for (const l of e.lacking) {
      if (l.label.includes(': ')) continue; // a one-class head in the codebook: labels cannot help
      const head = l.label.startsWith('topic:') ? 'topics' : l.label.slice('stance:'.length).split('=')[0]!;
      byHead.set(head, [...(byHead.get(head) ?? []), l.count]);
    }
    let missing = 0;
    for (const [head, counts] of byHead) {
      const classes = head === 'topics' ? spec.topics.length : (spec.targets.find((t) => t.key === head)?.values.length ?? counts.length);
      const full = classes - counts.length;
      const short = counts.sort((a, b) => b - a).slice(0, Math.max(0, 2 - full));
      missing += short.reduce((n, c) => n + (MIN_PER_CLASS - c), 0);
    }
    // No head has a label yet (each is listed whole): one head is enough for a first model.
    const classes = (head: string) => (head === 'topics' ? spec.topics.length : (spec.targets.find((t) => t.key === head)?.values.length ?? 0));
    const untouched = [...byHead].every(([head, counts]) => counts.length === classes(head) && counts.every((c) => c === 0));
    if (untouched && byHead.size === 1 + spec.targets.length) return 2 * MIN_PER_CLASS;
    return missing;
  }
}
