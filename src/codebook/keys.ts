// Keys the labeling TUI keeps for itself; codebook hotkeys may not take them.
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['j', 'k', 's', 'u', 'n', 'g', 'q', '?', '/', '[', ']', ' ', 'r', 'h', 'l']);

export const NOT_ADDRESSED = 'not_addressed';

/** Codebook keys: lower-case ASCII words joined by _ or -, so they are safe in CSV headers and URLs. */
export const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

/** Turns a free-form name (e.g. "Covid Vaccine") into a codebook key ("covid_vaccine"). */
export function toKey(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (ascii !== '') return ascii;
  // Non-Latin names (e.g. Arabic) get a short stable key from their code points.
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  return `k_${h.toString(36)}`;
}
