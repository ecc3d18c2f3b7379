// Other programs reading Mizan's exports the way a user's tools would: Python's csv module (a real,
// independent RFC 4180 reader) and the sqlite3 shell's .import.
import { execFileSync } from 'node:child_process';

/** Rows of a CSV file as Python's csv module reads it (utf-8-sig drops a BOM, as Excel-aware tools do). */
export function pythonCsv(file: string, encoding: 'utf-8' | 'utf-8-sig' = 'utf-8'): string[][] {
  const script = [
    'import csv, json, sys',
    'with open(sys.argv[1], newline="", encoding=sys.argv[2]) as f:',
    '    sys.stdout.write(json.dumps(list(csv.reader(f))))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, file, encoding], { encoding: 'utf8', maxBuffer: 64 << 20 })) as string[][];
}

/** Rows as objects keyed by the header, as Python's csv.DictReader reads them. */
export function pythonDicts(file: string, encoding: 'utf-8' | 'utf-8-sig' = 'utf-8'): Record<string, string>[] {
  const [header = [], ...rows] = pythonCsv(file, encoding);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Rows as objects keyed by the header, as the sqlite3 shell's `.import --csv` loads them into a table. */
export function sqliteImport(file: string): Record<string, string>[] {
  const out = execFileSync('sqlite3', [':memory:', `.import --csv '${file.replaceAll("'", "''")}' t`, '.mode json', 'SELECT * FROM t'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return out.trim() === '' ? [] : (JSON.parse(out) as Record<string, string>[]);
}
