// One annotator process for the concurrency test: claims and confirms articles through the
// same engine calls as the labeling screen, until it has done `max` or the queue is empty.
// Usage: node --import tsx annotator-worker.ts DB_URL NAME OVERLAP MAX
// Prints {"name","labeled":[ids…]} as JSON; any error goes to stderr with a non-zero exit.
import { openDatabase } from '../../src/db/open.js';
import { claimNext, releaseClaim } from '../../src/labels/claims.js';
import { applyChange } from '../../src/labels/edit.js';
import { startSession } from '../../src/labels/session.js';

const [url, name, overlapArg, maxArg] = process.argv.slice(2);
if (url === undefined || name === undefined) throw new Error('usage: annotator-worker.ts DB_URL NAME OVERLAP MAX');
const overlap = Number(overlapArg ?? '1');
const max = Number(maxArg ?? '0') || Infinity;

const db = await openDatabase(url);
try {
  const session = await startSession(db.prisma, { annotator: name, queue: 'unlabeled', filter: null, overlap });
  const me = session.annotator.id;
  const labeled: string[] = [];
  while (labeled.length < max) {
    const id = await claimNext(db.prisma, { annotatorId: me, overlap, ttlMs: 10 * 60_000 });
    if (id === null) break;
    await applyChange(db.prisma, session.editor, id, { field: 'confirmed', after: new Date().toISOString() });
    await releaseClaim(db.prisma, me, id);
    labeled.push(id);
  }
  process.stdout.write(JSON.stringify({ name, labeled }));
} finally {
  await db.close();
}
