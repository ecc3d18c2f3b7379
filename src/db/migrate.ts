// Applies and writes migrations in Prisma's standard layout (prisma/migrations/<name>/migration.sql
// plus migration_lock.toml, history in `_prisma_migrations`), offline, through the WASM engine —
// so `prisma migrate deploy` stays valid wherever the native engine is available.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MigrationList, SchemaFilter } from '@prisma/schema-engine-wasm';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { openSchemaEngine } from './schema-engine.js';
import { DatabaseBusyError, MigrationError } from './errors.js';

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };
const LOCKFILE = 'migration_lock.toml';

export interface MigrationSources {
  schemaPath: string;
  migrationsDir: string;
}

export async function readMigrationList(migrationsDir: string): Promise<MigrationList> {
  const entries = existsSync(migrationsDir) ? await readdir(migrationsDir, { withFileTypes: true }) : [];
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = join(migrationsDir, LOCKFILE);
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (name) => {
        const file = join(migrationsDir, name, 'migration.sql');
        const content = existsSync(file)
          ? ({ tag: 'ok', value: await readFile(file, 'utf8') } as const)
          : ({ tag: 'error', value: `missing ${file}` } as const);
        return { path: name, migrationFile: { path: 'migration.sql', content } };
      }),
    ),
  };
}

async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  sources: MigrationSources,
  run: (engine: Awaited<ReturnType<typeof openSchemaEngine>>) => Promise<T>,
): Promise<T> {
  const content = await readFile(sources.schemaPath, 'utf8');
  const tracked = trackConnections(factory);
  const engine = await openSchemaEngine(tracked.factory, { path: sources.schemaPath, content });
  try {
    return await run(engine);
  } catch (e) {
    // The SQLite adapter reports a lock it waited for in vain as "SocketTimeout", a kind the engine
    // does not know; it then fails with a list of the kinds it does.
    const message = engineMessage(e);
    if (/SocketTimeout|SQLITE_BUSY|database is locked/.test(message)) throw new DatabaseBusyError('while checking migrations');
    // The engine's whole text (often a page) stays on `cause`, which MIZAN_DEBUG prints.
    throw Object.assign(new MigrationError(`migration failed: ${message.split('\n')[0] ?? message}`), { cause: e });
  } finally {
    engine.free();
    // The engine does not close its connections; an open one would keep SQLite locked.
    await tracked.disposeAll();
  }
}

function trackConnections(factory: SqlMigrationAwareDriverAdapterFactory) {
  const open: SqlDriverAdapter[] = [];
  const keep = (adapter: SqlDriverAdapter) => (open.push(adapter), pgCharAsText(adapter));
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => keep(await factory.connect()),
    connectToShadowDb: async () => keep(scriptAwareRaw(await factory.connectToShadowDb())),
  };
  return {
    factory: tracked,
    disposeAll: async () => {
      await Promise.allSettled(open.splice(0).map((a) => a.dispose()));
    },
  };
}

/** Migrations recorded as applied; null when there is no history table yet (or it cannot be read). */
async function appliedMigrationNames(factory: SqlMigrationAwareDriverAdapterFactory): Promise<Set<string> | null> {
  let adapter: SqlDriverAdapter | undefined;
  try {
    adapter = await factory.connect();
    const result = await adapter.queryRaw({
      sql: 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      args: [],
      argTypes: [],
    });
    return new Set(result.rows.map((row) => String(row[0])));
  } catch {
    return null;
  } finally {
    await adapter?.dispose();
  }
}

/** Applies every migration not yet in `_prisma_migrations`; returns the names applied now. */
export async function applyMigrations(factory: SqlMigrationAwareDriverAdapterFactory, sources: MigrationSources): Promise<string[]> {
  const migrationsList = await readMigrationList(sources.migrationsDir);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new MigrationError(`no migrations in ${sources.migrationsDir}`);
  }
  // Fast path: every command opens the database, and the schema engine locks a SQLite file
  // exclusively, failing while another process (the TUI, the server, a teammate) has it open.
  const applied = await appliedMigrationNames(factory);
  if (applied !== null && migrationsList.migrationDirectories.every((d) => applied.has(d.path))) return [];
  return withEngine(factory, sources, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return out.appliedMigrationNames;
  });
}

/**
 * Writes a new migration with the SQL that takes the migrations folder to the schema.
 * Returns its directory name, or null when the schema and migrations already agree.
 */
export async function diffMigration(
  factory: SqlMigrationAwareDriverAdapterFactory,
  sources: MigrationSources,
  name: string,
  now: Date = new Date(),
): Promise<string | null> {
  if (!/^[a-z0-9_]+$/i.test(name)) {
    throw new MigrationError(`migration name "${name}": use letters, digits and _ only`);
  }
  const migrationsList = await readMigrationList(sources.migrationsDir);
  const schema = await readFile(sources.schemaPath, 'utf8');
  const script = await withEngine(factory, sources, async (engine) => {
    const result = await engine.diff({
      from: migrationsList.migrationDirectories.length > 0 ? { tag: 'migrations', ...migrationsList } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [{ path: sources.schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return result.stdout ?? '';
  });
  if (isEmptyScript(script)) return null;
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const dirName = `${stamp}_${name}`;
  await mkdir(join(sources.migrationsDir, dirName), { recursive: true });
  await writeFile(join(sources.migrationsDir, dirName, 'migration.sql'), script);
  if (migrationsList.lockfile.content === null) {
    await writeFile(
      join(sources.migrationsDir, LOCKFILE),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${factory.provider === 'postgres' ? 'postgresql' : factory.provider}"\n`,
    );
  }
  return dirName;
}

// The engine replays whole migration files on the shadow database through executeRaw, but
// better-sqlite3 prepares one statement at a time: route multi-statement SQL to executeScript.
function scriptAwareRaw(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (adapter.provider === 'sqlite' && hasSeveralStatements(query.sql) && query.args.length === 0) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

// The engine's PostgreSQL introspection selects catalog columns of the internal type "char"
// (pg_constraint.contype, pg_class.relkind, ...), which the pg driver adapter cannot map; read
// them as text instead.
const PG_CHAR_COLUMNS =
  /(?<!\bAS\s+)\b((?:\w+\.)?(?:contype|relkind|relpersistence|relreplident|attidentity|attgenerated|confdeltype|confupdtype|confmatchtype|typtype|typcategory|prokind|provolatile|typalign|typstorage))\b(?!\s*::)/gi;

function pgCharAsText(adapter: SqlDriverAdapter): SqlDriverAdapter {
  if (adapter.provider !== 'postgres') return adapter;
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = (query) => queryRaw({ ...query, sql: query.sql.replace(PG_CHAR_COLUMNS, '$1::text') });
  return adapter;
}

function hasSeveralStatements(sql: string): boolean {
  return sql.split(';').filter((part) => part.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('--'))).length > 1;
}

function isEmptyScript(script: string): boolean {
  return script.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));
}

function engineMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && 'message' in e) return String(e.message);
  return String(e);
}
