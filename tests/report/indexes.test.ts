// The report reads its counts from two covering indexes (migration report_covering_indexes): both
// providers have them after migrating, and SQLite's plan for every grouping reads no article row.
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { expect, it } from 'vitest';
import { ARTICLE_GROUP_INDEX, PREDICTION_COVERING_INDEX, sqliteCountQuery } from '../../src/report/rows.js';
import type { RowQuery } from '../../src/report/rows.js';
import { describeEachProvider } from '../helpers/providers.js';

const COLUMNS = {
  [ARTICLE_GROUP_INDEX]: ['source', 'publishedAt', 'dateline', 'id'],
  [PREDICTION_COVERING_INDEX]: ['modelId', 'field', 'articleId', 'value'],
};

describeEachProvider('report indexes', (p) => {
  it('exist after migrating, on the columns the report groups and joins by', async () => {
    const db = await p.freshDb();
    try {
      if (db.target.provider === 'sqlite') {
        const raw = new Sqlite(db.target.file, { readonly: true });
        for (const [name, columns] of Object.entries(COLUMNS)) {
          expect((raw.prepare(`PRAGMA index_info("${name}")`).all() as { name: string }[]).map((c) => c.name)).toEqual(columns);
        }
        raw.close();
      } else {
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        try {
          for (const [name, columns] of Object.entries(COLUMNS)) {
            const { rows } = await client.query<{ attname: string }>(
              `SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
               WHERE c.relname = $1 ORDER BY array_position(i.indkey::int2[], a.attnum)`,
              [name],
            );
            expect(rows.map((r) => r.attname)).toEqual(columns);
          }
        } finally {
          await client.end();
        }
      }
    } finally {
      await db.close();
    }
  });

  it.runIf(p.provider === 'sqlite')('give SQLite a plan that reads both tables from their covering indexes alone', async () => {
    const db = await p.freshDb();
    try {
      if (db.target.provider !== 'sqlite') return;
      const raw = new Sqlite(db.target.file, { readonly: true });
      const base: RowQuery = { modelId: 'm', field: 'topics' };
      const queries: RowQuery[] = [
        base,
        { ...base, by: [] },
        { ...base, by: ['source', 'month'] },
        { ...base, by: ['dateline', 'week'], since: new Date('2016-01-01T00:00:00Z'), until: new Date('2017-01-01T00:00:00Z') },
        { ...base, by: ['year'] },
      ];
      for (const q of queries) {
        const { sql, params } = sqliteCountQuery(q);
        const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
        // Ungrouped, the join needs only the id: the primary key's index covers that too.
        expect(plan).toContain(q.by?.length === 0 ? 'SCAN a USING COVERING INDEX' : `SCAN a USING COVERING INDEX ${ARTICLE_GROUP_INDEX}`);
        expect(plan).toContain(`SEARCH p USING COVERING INDEX ${PREDICTION_COVERING_INDEX}`);
      }
      raw.close();
    } finally {
      await db.close();
    }
  });
});
