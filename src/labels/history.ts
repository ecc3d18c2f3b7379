// What a labeling session did, read back from its events (the history is the record: nothing
// here is counted in memory, so the summary is true even after a crash and a restart).
import type { PrismaClient } from '../db/generated/client.js';

export interface SessionSummary {
  /** Events written in the session (changes and undos). */
  changes: number;
  undos: number;
  /** Articles confirmed / skipped in the session and not undone since. */
  confirmed: number;
  skipped: number;
}

export async function sessionSummary(db: PrismaClient, session: string): Promise<SessionSummary> {
  const events = await db.labelEvent.findMany({
    where: { session },
    select: { id: true, articleId: true, field: true, after: true, action: true, undoOf: true },
    orderBy: { id: 'asc' },
  });
  const undone = new Set(events.filter((e) => e.action === 'undo' && e.undoOf !== null).map((e) => e.undoOf!));
  const last = new Map<string, string | null>();
  for (const e of events) {
    if (e.action !== 'set' || undone.has(e.id)) continue;
    if (e.field === 'confirmed' || e.field === 'skipped') last.set(`${e.field}\u0000${e.articleId}`, e.after);
  }
  let confirmed = 0;
  let skipped = 0;
  for (const [key, after] of last) {
    if (key.startsWith('confirmed\u0000') && after !== null) confirmed++;
    if (key.startsWith('skipped\u0000') && after === 'true') skipped++;
  }
  return { changes: events.length, undos: events.filter((e) => e.action === 'undo').length, confirmed, skipped };
}

export function formatSessionSummary(s: SessionSummary): string {
  if (s.changes === 0) return 'no changes this session';
  return `this session: ${s.confirmed} confirmed, ${s.skipped} skipped, ${s.changes} changes (${s.undos} undone) — all saved`;
}
