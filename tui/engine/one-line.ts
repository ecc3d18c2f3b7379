import { isTransientConflict } from '../../src/db/write-transaction.js';

/** One line for the header or status line: Prisma's messages span several. */
export function oneLine(e: unknown): string {
  if (isTransientConflict(e)) return 'the database is busy (another process is writing it, e.g. a large import): try again in a moment';
  return (e instanceof Error ? e.message : String(e)).trim().split('\n').at(-1)!;
}
