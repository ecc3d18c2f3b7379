// The value training uses for each article and field, from all its labels: a reviewer's
// adjudication wins; otherwise the majority of confirmed, non-skipped annotations; a tie goes to
// the most recently updated label among the tied values. Resolved exports and `mizan train` both
// call this, so what a statistician sees is what the model learns from.
//
// Fields are the topic set (one value: the sorted list of topic keys, only from labels that judged
// topics) and each stance target. Pure: no database, no clock.
import type { LabelKind } from './bulk.js';

export interface ArticleLabel {
  annotator: string;
  kind: LabelKind;
  /** Topic keys; null when this label did not judge topics (e.g. a stance-only corpus). */
  topics: readonly string[] | null;
  /** Target key → value key. */
  stance: Readonly<Record<string, string>>;
  skipped: boolean;
  /** Drafts (not confirmed) do not count. */
  confirmed: boolean;
  updatedAt: Date;
}

export type Decision = 'adjudication' | 'majority' | 'latest';

export interface ResolvedField<T> {
  value: T;
  /** Annotations that gave exactly this value. */
  agreed: number;
  /** Annotations that judged this field at all. */
  of: number;
  by: Decision;
}

export interface ResolvedArticle {
  /** Annotators whose confirmed, non-skipped annotation counted. */
  annotators: number;
  /** Null when no counted label judged topics. */
  topics: ResolvedField<string[]> | null;
  /** Only targets some counted label judged. */
  stance: Record<string, ResolvedField<string>>;
}

interface Vote {
  value: string;
  updatedAt: number;
}

const counts = (l: ArticleLabel) => l.confirmed && !l.skipped;
const topicValue = (topics: readonly string[]) => [...new Set(topics)].sort().join('|');

export function resolveArticle(labels: readonly ArticleLabel[]): ResolvedArticle {
  const annotations = labels.filter((l) => l.kind === 'annotation' && counts(l));
  const adjudications = labels.filter((l) => l.kind === 'adjudication' && counts(l));

  const topicVotes: Vote[] = annotations.flatMap((l) => (l.topics === null ? [] : [{ value: topicValue(l.topics), updatedAt: l.updatedAt.getTime() }]));
  const adjudicatedTopics = latestVote(
    adjudications.flatMap((l) => (l.topics === null ? [] : [{ value: topicValue(l.topics), updatedAt: l.updatedAt.getTime() }])),
  );
  const topics = resolveField(topicVotes, adjudicatedTopics);

  const targets = new Set<string>();
  for (const l of [...annotations, ...adjudications]) for (const t of Object.keys(l.stance)) targets.add(t);
  const stance: Record<string, ResolvedField<string>> = {};
  for (const target of [...targets].sort()) {
    const votes: Vote[] = annotations.flatMap((l) => {
      const v = l.stance[target];
      return v === undefined ? [] : [{ value: v, updatedAt: l.updatedAt.getTime() }];
    });
    const adjudicated = latestVote(
      adjudications.flatMap((l) => {
        const v = l.stance[target];
        return v === undefined ? [] : [{ value: v, updatedAt: l.updatedAt.getTime() }];
      }),
    );
    const field = resolveField(votes, adjudicated);
    if (field !== null) stance[target] = field;
  }

  return {
    annotators: new Set(annotations.map((l) => l.annotator)).size,
    topics: topics === null ? null : { ...topics, value: topics.value === '' ? [] : topics.value.split('|') },
    stance,
  };
}

/** The most recent adjudication's value; several at the same instant: the value that sorts first. */
function latestVote(votes: readonly Vote[]): string | null {
  let best: Vote | null = null;
  for (const v of votes) {
    if (best === null || v.updatedAt > best.updatedAt || (v.updatedAt === best.updatedAt && v.value < best.value)) best = v;
  }
  return best?.value ?? null;
}

function resolveField(votes: readonly Vote[], adjudicated: string | null): ResolvedField<string> | null {
  const tally = new Map<string, { n: number; latest: number }>();
  for (const v of votes) {
    const t = tally.get(v.value) ?? { n: 0, latest: -Infinity };
    t.n++;
    t.latest = Math.max(t.latest, v.updatedAt);
    tally.set(v.value, t);
  }
  if (adjudicated !== null) {
    return { value: adjudicated, agreed: tally.get(adjudicated)?.n ?? 0, of: votes.length, by: 'adjudication' };
  }
  if (votes.length === 0) return null;
  const top = Math.max(...[...tally.values()].map((t) => t.n));
  const leaders = [...tally.entries()].filter(([, t]) => t.n === top);
  if (leaders.length === 1) return { value: leaders[0]![0], agreed: top, of: votes.length, by: 'majority' };
  // A tie: the most recently updated label among the tied values decides; equal times fall back to
  // the value that sorts first, so the result never depends on input order.
  leaders.sort(([va, a], [vb, b]) => b.latest - a.latest || (va < vb ? -1 : va > vb ? 1 : 0));
  return { value: leaders[0]![0], agreed: top, of: votes.length, by: 'latest' };
}
