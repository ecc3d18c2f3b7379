// Spreadsheet formula injection: Excel, LibreOffice and Google Sheets run a cell that starts with
// = + - @ (and, in some, tab or carriage return) as a formula, so an article note like
// `=HYPERLINK(...)` would execute on open. A guarded cell gets one leading apostrophe, which
// spreadsheets read as "this is text" and hide.
//
// The rule is reversible so Mizan reads its own exports back without loss:
//   guard:   a cell matching  '*  then a trigger  (zero or more apostrophes, then = + - @ \t \r)
//            gets ONE more apostrophe in front;
//   unguard: a cell matching  '+  then a trigger  loses ONE leading apostrophe.
// So `=1` ↔ `'=1`, and a value that really starts with `'=` ↔ `''=`; anything else is untouched.

/** Characters that make a spreadsheet treat a cell as a formula. */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

const NEEDS_GUARD = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

export function guardCell(value: string): string {
  return NEEDS_GUARD.test(value) ? `'${value}` : value;
}

export function unguardCell(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}
