// First run: an empty database gets the seed codebook and the seed articles, so `npm start`
// opens on something to label.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Database } from '../db/open.js';
import { PACKAGE_ROOT } from '../db/paths.js';
import { parseCodebook } from '../codebook/parse.js';
import { saveCodebook } from '../codebook/store.js';
import { importPaths } from './import.js';
import type { ImportSummary } from './import.js';
import { DEFAULT_IMPORT_ANNOTATOR } from './options.js';

export const SEEDS_DIR = join(PACKAGE_ROOT, 'seeds');

export interface SeedResult {
  codebookVersion: number | null;
  articles: ImportSummary | null;
}

export async function ensureSeeded(db: Database, seedsDir: string = SEEDS_DIR): Promise<SeedResult> {
  const result: SeedResult = { codebookVersion: null, articles: null };
  const codebookFile = join(seedsDir, 'codebook.yaml');
  if ((await db.prisma.codebookVersion.count()) === 0 && existsSync(codebookFile)) {
    const source = await readFile(codebookFile, 'utf8');
    result.codebookVersion = await saveCodebook(db.prisma, parseCodebook(source, codebookFile), source);
  }
  if ((await db.prisma.article.count()) === 0) {
    result.articles = await importPaths(db, [seedsDir], { columns: {}, annotator: DEFAULT_IMPORT_ANNOTATOR, extendCodebook: false });
  }
  return result;
}
