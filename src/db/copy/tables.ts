// Which tables `mizan db copy` copies, in which order, with which columns. The list of models and
// their field types comes from the generated Prisma client (its runtime data model), so a model
// added to prisma/schema.prisma is copied with no change here; the order (parents before the
// tables that reference them) and the primary keys come from the migrated database's catalog.
import type { ProviderName } from '../provider.js';

/** How a value is represented in both databases; drives conversions between them. */
export type ColumnKind = 'string' | 'int' | 'float' | 'bigint' | 'boolean' | 'datetime' | 'decimal' | 'json' | 'bytes';

export interface CopyColumn {
  name: string;
  kind: ColumnKind;
  /** PostgreSQL's type name (udt_name), for the typed arrays the PostgreSQL writer binds. */
  pgType?: string;
}

export interface CopyTable {
  /** Model name in the Prisma schema. */
  model: string;
  table: string;
  columns: CopyColumn[];
  primaryKey: string[];
  /** Tables this one references (foreign keys). */
  references: string[];
  /** PostgreSQL: the column filled by a sequence (an autoincrement id), advanced after the copy. */
  serial?: string;
}

interface RuntimeField {
  name: string;
  kind: string;
  type: string;
  dbName?: string | null;
}
interface RuntimeModel {
  fields: RuntimeField[];
  dbName?: string | null;
}
export interface RuntimeDataModel {
  models: Record<string, RuntimeModel>;
}

/** The generated client's data model (there is no public accessor for it). */
export function runtimeDataModel(client: object): RuntimeDataModel {
  const model = (client as { _runtimeDataModel?: RuntimeDataModel })._runtimeDataModel;
  if (model === undefined) throw new Error('the Prisma client has no runtime data model');
  return model;
}

const KINDS: Record<string, ColumnKind> = {
  String: 'string',
  Int: 'int',
  Float: 'float',
  BigInt: 'bigint',
  Boolean: 'boolean',
  DateTime: 'datetime',
  Decimal: 'decimal',
  Json: 'json',
  Bytes: 'bytes',
};

/** What the catalog of one database says about a table. */
export interface CatalogTable {
  columns: { name: string; pgType?: string; serial: boolean }[];
  primaryKey: string[];
  references: string[];
}

export type Catalog = Map<string, CatalogTable>;

/** Raw SQL on one connection, whichever the provider. */
export type QueryRows = (sql: string) => Promise<Record<string, unknown>[]>;

/** Reads the tables, columns, primary keys and foreign keys of a migrated database. */
export async function readCatalog(provider: ProviderName, query: QueryRows): Promise<Catalog> {
  const catalog: Catalog = new Map();
  if (provider === 'sqlite') {
    const tables = await query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`);
    for (const { name } of tables) {
      const table = String(name);
      const info = await query(`SELECT name, pk FROM pragma_table_info('${table.replaceAll("'", "''")}') ORDER BY cid`);
      const fks = await query(`SELECT DISTINCT "table" AS ref FROM pragma_foreign_key_list('${table.replaceAll("'", "''")}')`);
      catalog.set(table, {
        columns: info.map((c) => ({ name: String(c['name']), serial: false })),
        primaryKey: info
          .filter((c) => Number(c['pk']) > 0)
          .sort((a, b) => Number(a['pk']) - Number(b['pk']))
          .map((c) => String(c['name'])),
        references: fks.map((f) => String(f['ref'])),
      });
    }
    return catalog;
  }
  const columns = await query(`SELECT table_name, column_name, udt_name, column_default FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`);
  for (const c of columns) {
    const table = String(c['table_name']);
    if (!catalog.has(table)) catalog.set(table, { columns: [], primaryKey: [], references: [] });
    catalog
      .get(table)!
      .columns.push({ name: String(c['column_name']), pgType: String(c['udt_name']), serial: /^nextval\(/.test(String(c['column_default'] ?? '')) });
  }
  const keys = await query(`SELECT c.conrelid::regclass::text AS tbl, c.contype::text AS type, c.confrelid::regclass::text AS ref,
      array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i), ',') AS cols
    FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace
    WHERE s.nspname = current_schema() AND c.contype IN ('p', 'f')`);
  for (const k of keys) {
    const entry = catalog.get(String(k['tbl']).replace(/^"|"$/g, ''));
    if (entry === undefined) continue;
    if (k['type'] === 'p') entry.primaryKey = String(k['cols']).split(',');
    else entry.references.push(String(k['ref']).replace(/^"|"$/g, ''));
  }
  return catalog;
}

/**
 * The tables to copy, parents first. Every model of the data model must have its table in the
 * catalog (both databases are migrated to the same schema before a copy).
 */
export function planTables(model: RuntimeDataModel, catalog: Catalog): CopyTable[] {
  const tables: CopyTable[] = [];
  for (const [name, m] of Object.entries(model.models)) {
    const table = m.dbName ?? name;
    const entry = catalog.get(table);
    if (entry === undefined) throw new Error(`the database has no table "${table}" for model ${name}: is it migrated?`);
    const fields = new Map(m.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum').map((f) => [f.dbName ?? f.name, f]));
    const columns = entry.columns.map((c): CopyColumn => {
      const field = fields.get(c.name);
      const kind: ColumnKind = field === undefined ? 'string' : field.kind === 'enum' ? 'string' : (KINDS[field.type] ?? 'string');
      return { name: c.name, kind, ...(c.pgType === undefined ? {} : { pgType: c.pgType }) };
    });
    const serial = entry.columns.find((c) => c.serial)?.name;
    tables.push({
      model: name,
      table,
      columns,
      primaryKey: entry.primaryKey,
      references: entry.references.filter((r) => r !== table),
      ...(serial === undefined ? {} : { serial }),
    });
  }
  return orderByReferences(tables);
}

/** Topological order: a table comes after every table it references (ties keep schema order). */
export function orderByReferences(tables: CopyTable[]): CopyTable[] {
  const byName = new Map(tables.map((t) => [t.table, t]));
  const done = new Set<string>();
  const out: CopyTable[] = [];
  const visit = (t: CopyTable, path: Set<string>) => {
    if (done.has(t.table)) return;
    if (path.has(t.table)) throw new Error(`tables reference each other in a cycle: ${[...path, t.table].join(' → ')}`);
    path.add(t.table);
    for (const r of t.references) {
      const parent = byName.get(r);
      if (parent !== undefined) visit(parent, path);
    }
    path.delete(t.table);
    done.add(t.table);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}
