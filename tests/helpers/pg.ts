import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach } from 'vitest';

/**
 * A PostgreSQL server for the tests that run on both providers: .ci/run installs and starts one
 * and sets MIZAN_TEST_PG_URL. Without it (a laptop without PostgreSQL) those tests are skipped,
 * except under CI, where a missing server is a failure.
 */
export const PG_URL = process.env['MIZAN_TEST_PG_URL'];
export const HAS_PG = PG_URL !== undefined && PG_URL !== '';
if (!HAS_PG && process.env['CI'] === 'true') {
  throw new Error('CI needs a PostgreSQL server: set MIZAN_TEST_PG_URL (see .ci/run)');
}

const created: string[] = [];

afterEach(async () => {
  if (created.length === 0 || !HAS_PG) return;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  for (const name of created.splice(0)) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

/** A fresh, empty PostgreSQL database; dropped after the test. Returns its URL. */
export async function tempPgUrl(): Promise<string> {
  const name = `mizan_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  created.push(name);
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}
