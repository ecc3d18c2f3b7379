import { createHash } from 'node:crypto';
import type { PrismaClient } from '../db/generated/client.js';
import { providerOf } from '../db/provider.js';
import type { BundledCodebook } from './bundle.js';
import { NoCodebookError } from './errors.js';
import type { Codebook, CodebookVersionInfo } from './types.js';

/** A client or an interactive transaction: codebook writes join the caller's transaction. */
type Db = Pick<PrismaClient, 'codebookVersion' | 'topic' | 'stanceTarget' | 'stanceValue'>;

const parseList = (json: string): string[] => JSON.parse(json) as string[];

/** Stores `codebook` as a new version (unless it equals the latest) and returns its version number. */
export async function saveCodebook(db: Db, codebook: Codebook, source?: string): Promise<number> {
  const row = await versionRow(codebook, source);
  const latest = await db.codebookVersion.findFirst({ orderBy: { version: 'desc' } });
  if (latest?.hash === row.hash) return latest.version;
  return (await db.codebookVersion.create({ data: { ...row, ...contentRows(codebook) } })).version;
}

/**
 * Gives `version`, made by the caller's transaction and not yet committed, the content of
 * `codebook`: an import that extends the codebook writes its labels under the new version while
 * it still finds new keys (labels point at the version, not at its topic rows).
 */
export async function replaceCodebook(db: Db, version: number, codebook: Codebook): Promise<void> {
  const where = { version };
  await db.topic.deleteMany({ where });
  await db.stanceTarget.deleteMany({ where });
  await db.stanceValue.deleteMany({ where });
  await db.codebookVersion.update({ where, data: { ...(await versionRow(codebook)), ...contentRows(codebook) } });
}

/**
 * Stores the versions of an export's codebook bundle in a database that has no codebook, with
 * their own version numbers and creation times (when the bundle has them), so the labels read back
 * keep the version they were made under. Returns the version numbers stored.
 */
export async function restoreCodebooks(db: Db & Pick<PrismaClient, '$executeRawUnsafe'>, bundle: readonly BundledCodebook[]): Promise<number[]> {
  const numbers = bundle.map((b) => b.version);
  const numbered = numbers.every((v) => v !== undefined) && new Set(numbers).size === numbers.length;
  if (!numbered) {
    const out: number[] = [];
    for (const b of bundle) out.push(await saveCodebook(db, b.codebook, b.source));
    return out;
  }
  const sorted = [...bundle].sort((a, b) => a.version! - b.version!);
  for (const b of sorted) {
    const row = await versionRow(b.codebook, b.source);
    await db.codebookVersion.create({
      data: { ...row, version: b.version!, ...(b.createdAt === undefined ? {} : { createdAt: b.createdAt }), ...contentRows(b.codebook) },
    });
  }
  // Ids given explicitly do not move PostgreSQL's sequence (SQLite's AUTOINCREMENT follows them).
  if (providerOf(db) === 'postgresql') {
    await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"CodebookVersion"', 'version'), (SELECT MAX("version") FROM "CodebookVersion"))`);
  }
  return sorted.map((b) => b.version!);
}

async function versionRow(codebook: Codebook, source?: string) {
  // The YAML library loads only to save: `mizan label` reads codebooks at start-up and never saves one.
  const { stringifyCodebook } = await import('./stringify.js');
  const yaml = source ?? stringifyCodebook(codebook);
  const hash = createHash('sha256').update(stringifyCodebook(codebook)).digest('hex');
  return { name: codebook.name, description: codebook.description ?? null, multiLabel: codebook.multiLabel, source: yaml, hash };
}

function contentRows(codebook: Codebook) {
  return {
    topics: {
      create: codebook.topics.map((t, position) => ({
        key: t.key,
        name: t.name,
        description: t.description ?? null,
        guidelines: t.guidelines ?? null,
        hotkey: t.hotkey,
        position,
      })),
    },
    targets: {
      create: codebook.targets.map((t, position) => ({
        key: t.key,
        name: t.name,
        description: t.description ?? null,
        guidelines: t.guidelines ?? null,
        aliases: JSON.stringify(t.aliases),
        position,
      })),
    },
    values: {
      create: codebook.values.map((v, position) => ({
        key: v.key,
        name: v.name,
        description: v.description ?? null,
        hotkey: v.hotkey,
        aliases: JSON.stringify(v.aliases),
        position,
      })),
    },
  };
}

/** The latest codebook version (or the given one); null when the database has none. */
export async function findCodebook(db: Db, version?: number): Promise<CodebookVersionInfo | null> {
  const row = await db.codebookVersion.findFirst({
    where: version === undefined ? {} : { version },
    orderBy: { version: 'desc' },
    include: {
      topics: { orderBy: { position: 'asc' } },
      targets: { orderBy: { position: 'asc' } },
      values: { orderBy: { position: 'asc' } },
    },
  });
  if (row === null) return null;
  const opt = (s: string | null) => (s === null ? {} : { description: s });
  const guide = (s: string | null) => (s === null ? {} : { guidelines: s });
  return {
    version: row.version,
    createdAt: row.createdAt,
    name: row.name,
    ...opt(row.description),
    multiLabel: row.multiLabel,
    topics: row.topics.map((t) => ({ key: t.key, name: t.name, hotkey: t.hotkey, ...opt(t.description), ...guide(t.guidelines) })),
    targets: row.targets.map((t) => ({
      key: t.key,
      name: t.name,
      aliases: parseList(t.aliases),
      ...opt(t.description),
      ...guide(t.guidelines),
    })),
    values: row.values.map((v) => ({ key: v.key, name: v.name, hotkey: v.hotkey, aliases: parseList(v.aliases), ...opt(v.description) })),
  };
}

export async function loadCodebook(db: Db, version?: number): Promise<CodebookVersionInfo> {
  const found = await findCodebook(db, version);
  if (found === null) throw new NoCodebookError();
  return found;
}
