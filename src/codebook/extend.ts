// --extend-codebook: unseen topics, targets or stance values become part of a new codebook version.
import { RESERVED_KEYS, toKey } from './keys.js';
import type { Codebook } from './types.js';

// One key means one thing on the labeling screen, so a new entry's hotkey is free among topics and
// values alike. Topics take digits first and values letters first, as in the seed codebook.
const usable = (keys: string) => [...keys].filter((k) => !RESERVED_KEYS.has(k));
const TOPIC_POOL = usable('1234567890abcdefimoptvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const VALUE_POOL = usable('abcdefimoptvwxyz1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ');

/** The name's first letter when it is free (Favor → f), else the pool's first free key. */
function freeHotkey(pool: readonly string[], taken: Set<string>, name = ''): string {
  const initial = name.trim().charAt(0).toLowerCase();
  const key = pool.includes(initial) && !taken.has(initial) ? initial : pool.find((k) => !taken.has(k));
  // Past the pool an entry gets no direct key; the TUI still reaches it through its list.
  if (key === undefined) return '';
  taken.add(key);
  return key;
}

export interface CodebookAdditions {
  topics: string[];
  targets: string[];
  values: string[];
}

export function extendCodebook(codebook: Codebook, add: CodebookAdditions): Codebook {
  const taken = new Set([...codebook.topics, ...codebook.values].map((e) => e.hotkey));
  return {
    ...codebook,
    topics: [...codebook.topics, ...add.topics.map((name) => ({ key: toKey(name), name, hotkey: freeHotkey(TOPIC_POOL, taken) }))],
    targets: [...codebook.targets, ...add.targets.map((name) => ({ key: toKey(name), name, aliases: [name] }))],
    values: [...codebook.values, ...add.values.map((name) => ({ key: toKey(name), name, hotkey: freeHotkey(VALUE_POOL, taken, name), aliases: [name] }))],
  };
}
