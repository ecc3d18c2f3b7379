// --extend-codebook: unseen topics, targets or stance values become part of a new codebook version.
import { RESERVED_KEYS, toKey } from './keys.js';
import type { Codebook } from './types.js';

const HOTKEY_POOL = [...'123456789abcdefimoptvwxyz0ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter((k) => !RESERVED_KEYS.has(k));

function freeHotkey(taken: Set<string>): string {
  const key = HOTKEY_POOL.find((k) => !taken.has(k));
  // Past the pool an entry gets no direct key; the TUI still reaches it through its list.
  const chosen = key ?? '';
  taken.add(chosen);
  return chosen;
}

export interface CodebookAdditions {
  topics: string[];
  targets: string[];
  values: string[];
}

export function extendCodebook(codebook: Codebook, add: CodebookAdditions): Codebook {
  const topicKeys = new Set(codebook.topics.map((t) => t.hotkey));
  const valueKeys = new Set(codebook.values.map((v) => v.hotkey));
  return {
    ...codebook,
    topics: [
      ...codebook.topics,
      ...add.topics.map((name) => ({ key: toKey(name), name, hotkey: freeHotkey(topicKeys) })),
    ],
    targets: [...codebook.targets, ...add.targets.map((name) => ({ key: toKey(name), name, aliases: [name] }))],
    values: [
      ...codebook.values,
      ...add.values.map((name) => ({ key: toKey(name), name, hotkey: freeHotkey(valueKeys), aliases: [name] })),
    ],
  };
}
