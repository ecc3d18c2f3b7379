// A file's target, topic or stance value ("Covid Vaccine", "Favor", an Arabic alias) → the model's
// codebook key: by key, name or alias ignoring case, then by the key the name would get — the same
// rules the importer uses (src/codebook/match.ts), over the codebook copy in the model's metadata.
import { toKey } from '../codebook/keys.js';
import type { NamedEntry } from './types.js';

function fold(s: string): string {
  return s.normalize('NFC').trim().toLocaleLowerCase('en');
}

export function matchEntry(items: readonly NamedEntry[], raw: string): string | undefined {
  const wanted = fold(raw);
  if (wanted === '') return undefined;
  const hit =
    items.find((i) => i.key === wanted || (i.name !== undefined && fold(i.name) === wanted) || (i.aliases ?? []).some((a) => fold(a) === wanted)) ??
    items.find((i) => i.key === toKey(raw));
  return hit?.key;
}
