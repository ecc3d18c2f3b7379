// Finds the codebook entry a corpus value means: by key, by name or by alias, ignoring case,
// so "Favor", "favor" and an alias such as "مؤيد" all reach the same stance value.
import { toKey } from './keys.js';
import type { Codebook } from './types.js';

interface Named {
  key: string;
  name: string;
  aliases?: string[];
}

function fold(s: string): string {
  return s.normalize('NFC').trim().toLocaleLowerCase('en');
}

function find<T extends Named>(items: readonly T[], raw: string): T | undefined {
  const wanted = fold(raw);
  if (wanted === '') return undefined;
  return (
    items.find((i) => i.key === wanted || fold(i.name) === wanted || (i.aliases ?? []).some((a) => fold(a) === wanted)) ??
    items.find((i) => i.key === toKey(raw))
  );
}

export function matchTopic(codebook: Codebook, raw: string): string | undefined {
  return find(codebook.topics, raw)?.key;
}

export function matchTarget(codebook: Codebook, raw: string): string | undefined {
  return find(codebook.targets, raw)?.key;
}

export function matchValue(codebook: Codebook, raw: string): string | undefined {
  return find(codebook.values, raw)?.key;
}
