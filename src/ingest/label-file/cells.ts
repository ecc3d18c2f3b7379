// Reading cells of a Mizan export. CSV cells are strings with the formula guard applied (one
// leading ' removed again, see export/formula-guard.ts); JSONL cells keep their JSON types.
import { unguardCell } from '../../table/formula-guard.js';
import { InputError } from '../../input-error.js';
import type { InputRecord } from '../../table/records.js';

export class CellReader {
  constructor(
    private readonly file: string,
    private readonly guarded: boolean,
  ) {}

  /** The cell as text; null when absent or empty. */
  text(record: InputRecord, column: string): string | null {
    const v = record.fields[column];
    if (v === undefined || v === null) return null;
    let s: string;
    if (typeof v === 'string') s = this.guarded ? unguardCell(v) : v;
    else if (typeof v === 'number' || typeof v === 'boolean') s = String(v);
    else if (Array.isArray(v)) s = v.map(String).join('|');
    else throw new InputError(this.file, `expected text, found ${JSON.stringify(v)}`, { row: record.row, field: column });
    return s === '' ? null : s;
  }

  list(record: InputRecord, column: string): string[] {
    const v = record.fields[column];
    if (Array.isArray(v)) return v.map(String).filter((s) => s !== '');
    const s = this.text(record, column);
    return s === null
      ? []
      : s
          .split('|')
          .map((x) => x.trim())
          .filter((x) => x !== '');
  }

  bool(record: InputRecord, column: string): boolean | null {
    const v = record.fields[column];
    if (typeof v === 'boolean') return v;
    const s = this.text(record, column)?.trim().toLowerCase() ?? null;
    if (s === null) return null;
    if (s === 'true' || s === '1' || s === 'yes') return true;
    if (s === 'false' || s === '0' || s === 'no') return false;
    throw new InputError(this.file, `expected true or false, found "${s}"`, { row: record.row, field: column });
  }

  date(record: InputRecord, column: string): Date | null {
    const s = this.text(record, column);
    if (s === null) return null;
    const d = new Date(s);
    if (Number.isNaN(d.getTime())) throw new InputError(this.file, `"${s}" is not an ISO 8601 date`, { row: record.row, field: column });
    return d;
  }

  int(record: InputRecord, column: string): number | null {
    const s = this.text(record, column)?.trim() ?? null;
    if (s === null) return null;
    if (!/^\d+$/.test(s)) throw new InputError(this.file, `"${s}" is not a whole number`, { row: record.row, field: column });
    return Number(s);
  }
}
