// The better-sqlite3 connection behind Prisma's SQLite driver adapter, for the import's hot path.
// Prisma's raw-query path JSON-serializes every bound parameter and parses it back (about a sixth
// of a 100,000-row import); statements prepared once on the driver's own connection skip that.
// They run on the very connection, inside the very transaction, that the caller's Prisma
// transaction opened (the adapter holds one connection and Prisma's rollback is a plain ROLLBACK on
// it), so a failure anywhere still undoes everything. Values are mapped as the adapter maps them
// (`mapArg` in @prisma/adapter-better-sqlite3), so the rows are byte-identical to Prisma's.
import type BetterSqlite3 from 'better-sqlite3';

type Connection = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement<unknown[], unknown>;
/** Uint8Array: UTF-8 text, stored as TEXT (see insertRows). */
export type DirectValue = string | number | boolean | Date | Uint8Array | null;

/** adapter factory → the connections it opened (the client's, and any migration's, closed since) */
const connections = new WeakMap<object, Set<Connection>>();
const statements = new WeakMap<Connection, Map<string, Statement>>();

/** Called by src/db/adapter.ts for every connection the SQLite adapter factory opens. */
export function registerSqliteConnection(factory: object, connection: Connection): void {
  let set = connections.get(factory);
  if (set === undefined) connections.set(factory, (set = new Set()));
  set.add(connection);
}

/**
 * The driver connection a Prisma *transaction* client `tx` is running on, or undefined (PostgreSQL,
 * or no SQLite transaction open, or it cannot be told which connection it is): callers then take
 * the Prisma path. Must only be called with the client of the transaction that is open.
 */
export function directSqlite(tx: object): DirectSqlite | undefined {
  const factory = (tx as { _engineConfig?: { adapter?: object } })._engineConfig?.adapter;
  if (factory === undefined) return undefined;
  const set = connections.get(factory);
  if (set === undefined) return undefined;
  let found: Connection | undefined;
  for (const c of set) {
    if (!c.open) {
      set.delete(c);
      continue;
    }
    if (!c.inTransaction) continue;
    if (found !== undefined) return undefined;
    found = c;
  }
  return found === undefined ? undefined : new DirectSqlite(found);
}

// Bulk rows share one `now` Date: format it once, not once per row and column.
let lastTime = Number.NaN;
let lastDateText = '';

/** What @prisma/adapter-better-sqlite3 binds for a value (its default iso8601 timestamp format). */
export function sqliteValue(value: DirectValue): string | number | Uint8Array | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) {
    const time = value.getTime();
    if (time !== lastTime) {
      lastDateText = value.toISOString().replace('Z', '+00:00');
      lastTime = time;
    }
    return lastDateText;
  }
  return value;
}

const utf8 = new TextDecoder();
/** sqliteValue, with UTF-8 bytes as a string (where a statement cannot CAST them). */
const textValue = (v: DirectValue) => (v instanceof Uint8Array ? utf8.decode(v) : sqliteValue(v));

const quote = (name: string) => `"${name}"`;

const ROWS_PER_STATEMENT = 32;
/** SQLite's default limit on bound parameters is 32,766. */
const MAX_PARAMS = 30_000;

export class DirectSqlite {
  constructor(readonly connection: Connection) {}

  /** A statement prepared once per connection (prepare costs more than a run). */
  statement(sql: string): Statement {
    let cache = statements.get(this.connection);
    if (cache === undefined) statements.set(this.connection, (cache = new Map<string, Statement>()));
    let stmt = cache.get(sql);
    if (stmt === undefined) {
      stmt = this.connection.prepare(sql);
      // The adapter turns integers on for the connection; plain numbers are what callers expect.
      if (stmt.reader) stmt.safeIntegers(false);
      cache.set(sql, stmt);
    }
    return stmt;
  }

  insertSql(table: string, columns: readonly string[], rowCount: number, returning?: readonly string[], utf8Mask = 0, skipConflicts = false): string {
    const tail = (skipConflicts ? ' ON CONFLICT DO NOTHING' : '') + (returning === undefined ? '' : ` RETURNING ${returning.map(quote).join(',')}`);
    const tuple = `(${columns.map((_, i) => ((utf8Mask >>> i) & 1 ? 'CAST(? AS TEXT)' : '?')).join(',')})`;
    return `INSERT INTO ${quote(table)} (${columns.map(quote).join(',')}) VALUES ${Array(rowCount).fill(tuple).join(',')}${tail}`;
  }

  /**
   * Rows go ROWS_PER_STATEMENT at a time (a third less CPU than one per statement: fewer calls into
   * SQLite, one AUTOINCREMENT bookkeeping per statement), the rest one by one, all in order.
   * A value given as UTF-8 bytes (encoded on the import's parsing thread) is bound as a blob and
   * CAST to TEXT, which SQLite does by relabelling the bytes: the stored text is byte-identical to
   * binding the string, without converting UTF-16 to UTF-8 on this thread.
   */
  insertRows(table: string, columns: readonly string[], rows: readonly DirectValue[][], skipConflicts = false): number {
    let written = 0;
    const statementFor = this.insertStatements(table, columns, undefined, skipConflicts);
    this.inGroups(rows, (mask, count, values) => {
      written += statementFor(mask, count).run(values).changes;
    });
    return written;
  }

  insertRowsReturning<R>(table: string, columns: readonly string[], rows: readonly DirectValue[][], returning: readonly string[]): R[] {
    const out: R[] = [];
    const statementFor = this.insertStatements(table, columns, returning);
    this.inGroups(rows, (mask, count, values) => {
      for (const r of statementFor(mask, count).all(values)) out.push(r as R);
    });
    return out;
  }

  /** The INSERT for a UTF-8 column mask and a row count, looked up by the pair (not by its SQL text). */
  private insertStatements(
    table: string,
    columns: readonly string[],
    returning?: readonly string[],
    skipConflicts = false,
  ): (mask: number, count: number) => Statement {
    const local = new Map<number, Statement>();
    return (mask, count) => {
      const key = mask * 1024 + count;
      let stmt = local.get(key);
      if (stmt === undefined) local.set(key, (stmt = this.statement(this.insertSql(table, columns, count, returning, mask, skipConflicts))));
      return stmt;
    };
  }

  /** Calls `write` for runs of rows with the same UTF-8 columns, ROWS_PER_STATEMENT or 1 at a time. */
  private inGroups(rows: readonly DirectValue[][], write: (mask: number, count: number, values: unknown[]) => void): void {
    const columns = rows[0]?.length ?? 0;
    const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / Math.max(1, columns))));
    let group: unknown[] = [];
    let groupMask = -1;
    let groupRows = 0;
    const flush = () => {
      if (groupRows === perStatement) write(groupMask, groupRows, group);
      else for (let r = 0; r < groupRows; r++) write(groupMask, 1, group.slice(r * columns, (r + 1) * columns));
      group = [];
      groupRows = 0;
    };
    for (const row of rows) {
      let mask = 0;
      const values = row.map((v, i) => {
        if (!(v instanceof Uint8Array)) return sqliteValue(v);
        if (i >= 30) return utf8.decode(v);
        mask |= 1 << i;
        return v;
      });
      if (mask !== groupMask && groupRows > 0) flush();
      groupMask = mask;
      for (const v of values) group.push(v);
      if (++groupRows === perStatement) flush();
    }
    if (groupRows > 0) flush();
  }

  selectWhereIn<R>(table: string, select: readonly string[], column: string, values: readonly DirectValue[]): R[] {
    const sql = (n: number) => `SELECT ${select.map(quote).join(',')} FROM ${quote(table)} WHERE ${quote(column)} IN (${Array(n).fill('?').join(',')})`;
    const out: R[] = [];
    const unique = [...new Set(values)].map(textValue);
    let i = 0;
    for (; i + ROWS_PER_STATEMENT <= unique.length; i += ROWS_PER_STATEMENT) {
      for (const r of this.statement(sql(ROWS_PER_STATEMENT)).all(unique.slice(i, i + ROWS_PER_STATEMENT))) out.push(r as R);
    }
    for (; i < unique.length; i++) for (const r of this.statement(sql(1)).all(unique[i])) out.push(r as R);
    return out;
  }
}
