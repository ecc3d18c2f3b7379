// Integration tests that touch the database run on both providers: a real SQLite file, and a real
// PostgreSQL server (skipped without one, except under CI — see helpers/pg.ts).
import { describe } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import type { Database } from '../../src/db/open.js';
import { HAS_PG, tempPgUrl } from './pg.js';
import { tempDb } from './temp.js';

import type { ProviderName } from '../../src/db/provider.js';

export interface ProviderFixture {
  provider: ProviderName;
  /** A fresh, migrated database (closed after the test) and its URL. */
  freshDb(): Promise<Database & { url: string }>;
  /** A fresh database URL, not yet opened (for child processes and CLI runs). */
  freshUrl(): Promise<string>;
}

const sqlite: ProviderFixture = {
  provider: 'sqlite',
  freshDb: () => tempDb(),
  async freshUrl() {
    const db = await tempDb();
    return db.url;
  },
};

const postgresql: ProviderFixture = {
  provider: 'postgresql',
  async freshDb() {
    const url = await tempPgUrl();
    const db = await openDatabase(url);
    return Object.assign(db, { url });
  },
  freshUrl: () => tempPgUrl(),
};

/** `describe` once per provider; the PostgreSQL run is skipped when no server is configured. */
export function describeEachProvider(name: string, body: (p: ProviderFixture) => void): void {
  describe(`${name} [sqlite]`, () => body(sqlite));
  describe.skipIf(!HAS_PG)(`${name} [postgresql]`, () => body(postgresql));
}
