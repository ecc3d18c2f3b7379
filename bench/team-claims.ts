// Work-queue claim latency (src/labels/claims.ts claimNext + releaseClaim) on a 20,000-article
// corpus, on SQLite and (with MIZAN_TEST_PG_URL) PostgreSQL: with an empty queue, and with 90% of
// the corpus already labeled by someone else, scanning from the start vs from a keyset cursor (what
// the labeling screen passes). Median of 5 rounds × 20 claims each.
// Usage: node --import tsx bench/team-claims.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/open.js';
import type { Database } from '../src/db/open.js';
import { claimNext, releaseClaim } from '../src/labels/claims.js';
import { addArticles, annotators, seedCodebook } from '../tests/team/fixture.js';
import { median } from './lib/stats.js';

const N = 20_000;
const ROUNDS = 5;
const PER_ROUND = 20;

async function fresh(provider: 'sqlite' | 'postgresql'): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mizan-bench-'));
    const db = await openDatabase(`file:${join(dir, 'bench.db')}`);
    return { db, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env['MIZAN_TEST_PG_URL']!;
  const name = `mizan_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openDatabase(url.toString());
  return {
    db,
    drop: async () => {
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function measure(db: Database, me: number, after: () => string | null): Promise<number> {
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < PER_ROUND; i++) {
      const id = await claimNext(db.prisma, { annotatorId: me, ttlMs: 60_000, after: after() });
      if (id === null) throw new Error('queue unexpectedly empty');
      await releaseClaim(db.prisma, me, id);
    }
    rounds.push((performance.now() - t0) / PER_ROUND);
  }
  return median(rounds);
}

const providers: ('sqlite' | 'postgresql')[] = process.env['MIZAN_TEST_PG_URL'] ? ['sqlite', 'postgresql'] : ['sqlite'];
console.log(`load average at start: ${loadavg()[0]!.toFixed(1)}`);
console.log('| provider | queue state | cursor | ms per claim + release (median) |');
console.log('|---|---|---|---:|');
for (const provider of providers) {
  const { db, drop } = await fresh(provider);
  try {
    const version = await seedCodebook(db.prisma);
    const ids = await addArticles(db.prisma, N);
    const [me, other] = await annotators(db.prisma, 'me', 'other');
    const row = (state: string, cursor: string, ms: number) => console.log(`| ${provider} | ${state} | ${cursor} | ${ms.toFixed(2)} |`);
    row('empty (nothing labeled)', 'none', await measure(db, me!, () => null));
    const done = Math.floor(N * 0.9);
    for (let i = 0; i < done; i += 2000) {
      await db.prisma.label.createMany({
        data: ids
          .slice(i, Math.min(i + 2000, done))
          .map((articleId) => ({ articleId, annotatorId: other!, version, confirmedAt: new Date(), topicsLabeled: true })),
      });
    }
    row('90% labeled by another annotator', 'none (scan from the start)', await measure(db, me!, () => null));
    row('90% labeled by another annotator', 'keyset (after the last done id)', await measure(db, me!, () => ids[done - 1]!));
  } finally {
    await db.close();
    await drop();
  }
}
console.log(`load average at end: ${loadavg()[0]!.toFixed(1)}`);
