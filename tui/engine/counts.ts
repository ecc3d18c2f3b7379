// Queue counts for the header. Counting scans the queue, so it runs beside the chain (started from
// it) and coalesces: at most one in flight and one waiting. Articles matching each filter are
// counted once (a filter scans every body) and reused.
import type { PrismaClient } from '../../src/db/generated/client.js';
import { queueCounts } from '../../src/labels/queue.js';
import type { LabelSession } from '../../src/labels/session.js';
import type { Action } from '../state/types.js';
import { oneLine } from './one-line.js';

const COUNT_DELAY_MS = 30;

export interface Counter {
  count(filter: string | null): void;
  /** Resolves when no count is running or waiting. */
  settled(): Promise<void>;
}

export function createCounter(o: { db: PrismaClient; session: LabelSession; afterFrame: () => Promise<void>; dispatch: (a: Action) => void }): Counter {
  let counting: Promise<void> | null = null;
  let again: string | null | undefined;
  const totals = new Map<string | null, number>();
  const count = (filter: string | null) => {
    if (counting !== null) {
      again = filter;
      return;
    }
    // better-sqlite3 runs queries on the main thread: let the frame of the key that asked go out
    // first (and let quick successive keys coalesce into one count).
    counting = o
      .afterFrame()
      .then(() => new Promise((r) => setTimeout(r, COUNT_DELAY_MS)))
      .then(() => {
        const total = totals.get(filter);
        return queueCounts(o.db, { ...o.session.spec, filter }, total === undefined ? {} : { total });
      })
      .then((counts) => {
        totals.set(filter, counts.total);
        o.dispatch({ type: 'counts', counts });
      })
      .catch((e: unknown) => o.dispatch({ type: 'backgroundFailed', job: 'counts', message: oneLine(e) }))
      .finally(() => {
        counting = null;
        if (again !== undefined) {
          const f = again;
          again = undefined;
          count(f);
        }
      });
  };
  return {
    count,
    async settled() {
      while (counting !== null) await counting;
    },
  };
}
