// `mizan db copy`: every table of one database into another (SQLite ↔ PostgreSQL, either way),
// ids and timestamps unchanged, in ONE transaction on the target, verified before it commits:
// row counts per table, and a checksum of the label tables read back from the target.
import { MizanError } from '../../errors.js';
import { describeDatabaseError, databaseName } from '../access-errors.js';
import { openDatabase } from '../open.js';
import { parseDatabaseUrl } from '../url.js';
import type { DatabaseTarget } from '../url.js';
import type { CopyConnection } from './connection.js';
import { PgCopyConnection } from './pg-connection.js';
import { SqliteCopyConnection } from './sqlite-connection.js';
import { planTables, runtimeDataModel } from './tables.js';
import type { CopyTable } from './tables.js';
import { TableChecksum } from './values.js';

/** The label tables, whose content is checksummed on both sides (Label, LabelTopic, ...). */
export const isLabelTable = (table: string) => /^Label/.test(table);

export interface CopyOptions {
  cwd?: string;
  /** Copy into a database that has data: rows whose key exists there are left as they are. */
  merge?: boolean;
  /** Rows per batch read and written (memory is about one batch per side). */
  batchRows?: number;
  onProgress?: (done: number, total: number, table: string) => void;
  /** Called with both connections before the copy starts (bench/db-copy.ts reads the server's process id). */
  onConnected?: (reader: CopyConnection, writer: CopyConnection) => Promise<void>;
}

export interface TableCopy {
  table: string;
  source: number;
  /** Rows in the target before the copy. */
  before: number;
  added: number;
  /** Rows in the target after the copy, counted in the copy's transaction. */
  after: number;
  checksum?: { source: string; target: string };
}

export interface CopySummary {
  tables: TableCopy[];
  rows: number;
  added: number;
  seconds: number;
  /** Label tables whose checksums were compared (not with --merge, where the target has other rows too). */
  checksummed: string[];
}

export class CopyError extends MizanError {
  override readonly name = 'CopyError' as const;
  readonly code = 'db_copy';
}

export async function copyDatabase(fromUrl: string, toUrl: string, opts: CopyOptions = {}): Promise<CopySummary> {
  const from = parseDatabaseUrl(fromUrl, opts.cwd);
  const to = parseDatabaseUrl(toUrl, opts.cwd);
  if (sameDatabase(from, to)) throw new CopyError(`--to names the database being copied (${databaseName(to)})`);
  // Both at the current schema: the source as every command does it, the target created if need be.
  const source = await named(from, () => openDatabase(fromUrl, { ...cwd(opts), mustExist: true }));
  const sourceModel = runtimeDataModel(source.prisma);
  await source.close();
  await (await named(to, () => openDatabase(toUrl, cwd(opts)))).close();

  const reader = await named(from, async () => connect(from, 'read'));
  let writer: CopyConnection | undefined;
  try {
    writer = await named(to, async () => connect(to, 'write'));
    const plan = planTables(sourceModel, await named(to, () => writer!.catalog()));
    await named(from, () => reader.begin('read'));
    await named(to, () => writer!.begin('write'));
    await opts.onConnected?.(reader, writer);
    return await run(plan, reader, writer, from, to, opts);
  } catch (e) {
    await writer?.rollback();
    throw e;
  } finally {
    await reader.close();
    await writer?.close();
  }
}

async function run(
  plan: CopyTable[],
  reader: CopyConnection,
  writer: CopyConnection,
  from: DatabaseTarget,
  to: DatabaseTarget,
  opts: CopyOptions,
): Promise<CopySummary> {
  const started = Date.now();
  const merge = opts.merge === true;
  const batchRows = opts.batchRows ?? 5000;
  const counts = new Map<string, { source: number; before: number }>();
  for (const t of plan) counts.set(t.table, { source: await named(from, () => reader.count(t)), before: await named(to, () => writer.count(t)) });
  const existing = plan.filter((t) => counts.get(t.table)!.before > 0);
  if (existing.length > 0 && !merge) {
    const list = existing.map((t) => `${t.table} ${counts.get(t.table)!.before}`).join(', ');
    throw new CopyError(`${databaseName(to)} is not empty (${list}): copy into an empty database, or pass --merge to add only what it lacks`);
  }
  const total = [...counts.values()].reduce((s, c) => s + c.source, 0);
  const result: TableCopy[] = [];
  let done = 0;
  opts.onProgress?.(0, total, plan[0]?.table ?? '');
  for (const t of plan) {
    const sum = isLabelTable(t.table) ? new TableChecksum() : undefined;
    let added = 0;
    // One batch is written while the next is read: the source's reads overlap the target's round trips.
    let writing: Promise<void> = Promise.resolve();
    for await (const rows of readBatches(reader, t, batchRows, from)) {
      if (sum !== undefined) for (const r of rows) sum.add(r);
      await writing;
      writing = named(to, () => writer.insert(t, rows, merge), t.table).then((n) => {
        added += n;
        done += rows.length;
        opts.onProgress?.(done, total, t.table);
      });
      // A failed write is reported at the next await; keep it from being an unhandled rejection meanwhile.
      writing.catch(() => undefined);
    }
    await writing;
    const { source, before } = counts.get(t.table)!;
    result.push({ table: t.table, source, before, added, after: -1, ...(sum === undefined || merge ? {} : { checksum: { source: sum.value, target: '' } }) });
  }
  await named(to, () => writer.advanceSequences(plan));
  await verify(plan, result, writer, to, merge, batchRows);
  await named(to, () => writer.commit());
  return {
    tables: result,
    rows: total,
    added: result.reduce((s, t) => s + t.added, 0),
    seconds: (Date.now() - started) / 1000,
    checksummed: result.filter((t) => t.checksum !== undefined).map((t) => t.table),
  };
}

/** Counts every table again inside the target's transaction, and reads the label tables back for their checksum. */
async function verify(plan: CopyTable[], result: TableCopy[], writer: CopyConnection, to: DatabaseTarget, merge: boolean, batchRows: number): Promise<void> {
  for (const [i, t] of plan.entries()) {
    const r = result[i]!;
    r.after = await named(to, () => writer.count(t));
    if (r.after !== r.before + r.added || (!merge && r.added !== r.source)) {
      throw new CopyError(
        `verification failed: ${t.table} has ${r.after} rows in the target, expected ${merge ? r.before + r.added : r.source}; nothing was copied`,
      );
    }
    if (r.checksum === undefined) continue;
    const sum = new TableChecksum();
    for await (const rows of writer.batches(t, batchRows)) for (const row of rows) sum.add(row);
    r.checksum.target = sum.value;
    if (sum.value !== r.checksum.source)
      throw new CopyError(`verification failed: the checksum of ${t.table} differs between source and target; nothing was copied`);
  }
}

async function* readBatches(reader: CopyConnection, t: CopyTable, size: number, from: DatabaseTarget) {
  const it = reader.batches(t, size)[Symbol.asyncIterator]();
  for (;;) {
    const next = await named(from, () => it.next(), t.table);
    if (next.done === true) return;
    yield next.value;
  }
}

function connect(target: DatabaseTarget, mode: 'read' | 'write'): CopyConnection {
  return target.provider === 'sqlite' ? new SqliteCopyConnection(target.file, mode) : new PgCopyConnection(target.url);
}

/** Runs `fn`, turning a database problem into the one-line error naming `target`. */
async function named<T>(target: DatabaseTarget, fn: () => Promise<T>, table?: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof MizanError) throw e;
    const described = describeDatabaseError(e, target);
    if (described !== null) throw described;
    const message = e instanceof Error ? e.message : String(e);
    throw new CopyError(`${databaseName(target)}${table === undefined ? '' : ` (table ${table})`}: ${message.split('\n')[0]}; the target was left as it was`);
  }
}

function sameDatabase(a: DatabaseTarget, b: DatabaseTarget): boolean {
  return a.provider === 'sqlite' && b.provider === 'sqlite' ? a.file === b.file : a.url === b.url;
}

const cwd = (opts: CopyOptions) => (opts.cwd === undefined ? {} : { cwd: opts.cwd });
