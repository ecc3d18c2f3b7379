// LoadedModel / Prediction → the JSON shapes of schemas.ts. Scores are rounded to 4 decimals: more
// digits carry no information for a client and make every response longer.
import type { z } from '@hono/zod-openapi';
import type { LoadedModel } from '../model/io.js';
import type { Prediction } from '../model/types.js';
import type { ClassificationSchema, ModelInfoSchema } from './schemas.js';

type Classification = Omit<z.infer<typeof ClassificationSchema>, 'modelVersion'>;
type ModelInfo = z.infer<typeof ModelInfoSchema>;

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** The version clients see in every response: the model's id (its directory name under models/). */
export function modelVersion(model: LoadedModel): string {
  return model.id;
}

export function classification(p: Prediction): Classification {
  const stance: Classification['stance'] = {};
  for (const [target, s] of Object.entries(p.stance)) {
    const scores: Record<string, number> = {};
    for (const [value, score] of Object.entries(s.scores)) scores[value] = round(score);
    stance[target] = { label: s.label, score: round(s.score), scores };
  }
  return {
    topics: p.topics.map((t) => ({ label: t.label, score: round(t.score) })),
    stance,
    ...(p.evidence === undefined ? {} : { evidence: p.evidence.map((e) => ({ term: e.term, weight: round(e.weight), field: e.field })) }),
  };
}

export function modelInfo(model: LoadedModel): ModelInfo {
  const m = model.metadata;
  return {
    version: model.id,
    createdAt: m.createdAt,
    backend: m.backend,
    codebook: {
      version: m.codebook.version,
      topics: m.codebook.topics.map((t) => t.key),
      targets: Object.fromEntries(m.codebook.targets.map((t) => [t.key, [...t.values]])),
    },
    metrics: { ...m.metrics },
  };
}
