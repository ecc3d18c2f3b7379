// One JSON Lines record, as every Mizan writer of JSONL (exports, classify and eval output) writes
// it. Line and paragraph separators (U+2028, U+2029) are legal in JSON strings but split lines in
// some JSONL readers, so they are written as escapes: the parsed value is the same.
const SEPARATORS = /[\u2028\u2029]/g;

export function jsonlLine(record: unknown): string {
  return JSON.stringify(record).replace(SEPARATORS, (c) => `\\u${c.charCodeAt(0).toString(16)}`) + '\n';
}
