import { stringify } from 'yaml';
import type { Codebook } from './types.js';

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

/** The YAML form `parseCodebook` reads back to the same codebook. */
export function stringifyCodebook(codebook: Codebook): string {
  return stringify(
    compact({
      name: codebook.name,
      description: codebook.description,
      multi_label: codebook.multiLabel,
      topics: codebook.topics.map(compact),
      stance:
        codebook.targets.length === 0 && codebook.values.length === 0
          ? undefined
          : { values: codebook.values.map(compact), targets: codebook.targets.map(compact) },
    }),
    { lineWidth: 100 },
  );
}
