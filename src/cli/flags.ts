// The one place command-line option values are parsed: every parser takes the flag's name and its
// text and throws the usage error (exit 2) naming both, so `--seed 2x` and `--version abc` fail the
// same way in every command.
import { UsageError } from './errors.js';

/**
 * A whole number from min to max ("2x", "1.5", "" and "NaN" are refused). `alternatives`: the words
 * the command accepts besides a number, for the message ("auto or ").
 */
export function integerFlag(flag: string, value: string, min: number, max: number, alternatives = ''): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${flag}: "${value}" is not ${alternatives}a whole number from ${min} to ${max}`);
  return n;
}

/** A number from min to max, decimals allowed. */
export function numberFlag(flag: string, value: string, min: number, max: number): number {
  const n = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`${flag}: "${value}" is not a number from ${min} to ${max}`);
  return n;
}

/** One of the allowed words (case as given). */
export function enumFlag<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag}: "${value}" is not one of ${allowed.join(', ')}`);
}

/** A comma-separated list of allowed words, each at most once, in the order given. */
export function listFlag<T extends string>(flag: string, value: string, allowed: readonly T[]): T[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new UsageError(`${flag}: empty list (one or more of ${allowed.join(', ')})`);
  const out: T[] = [];
  for (const item of items) {
    const v = enumFlag(flag, item, allowed);
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** A comma-separated list of whole numbers from min to max. */
export function integerListFlag(flag: string, value: string, min: number, max: number): number[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new UsageError(`${flag}: empty list`);
  return items.map((item) => integerFlag(flag, item, min, max));
}

/** A calendar date (YYYY-MM-DD, the start of that day in UTC) or an ISO 8601 instant with its offset. */
export function dateFlag(flag: string, value: string): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d =
    day !== null ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))) : /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(NaN);
  // Date.UTC rolls 2026-02-31 over into March: a date that does not round-trip is not a date.
  if (Number.isNaN(d.getTime()) || (day !== null && d.toISOString().slice(0, 10) !== value)) {
    throw new UsageError(`${flag}: "${value}" is not a date (YYYY-MM-DD or an ISO 8601 time)`);
  }
  return d;
}
