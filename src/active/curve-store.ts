// The last `mizan train --curve` verdict, kept beside the models so the labeling screen's header can
// say whether more labels still pay ("curve @812: topics still rising"). One small JSON file,
// written under a temporary name and renamed, so a reader never sees half of it.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CurveReport, Verdict } from './curve.js';

export interface CurveVerdict {
  /** When the curve was computed (ISO 8601, UTC). */
  at: string;
  labels: number;
  heads: { field: string; verdict: Verdict }[];
}

const FILE = 'curve.json';
const VERDICTS: readonly Verdict[] = ['rising', 'flat', 'too-few'];

export function saveCurveVerdict(modelsDir: string, report: CurveReport, now = new Date()): void {
  mkdirSync(modelsDir, { recursive: true });
  const v: CurveVerdict = { at: now.toISOString(), labels: report.labels, heads: report.heads.map((h) => ({ field: h.field, verdict: h.verdict })) };
  const tmp = join(modelsDir, `.${FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(v, null, 2)}\n`);
  renameSync(tmp, join(modelsDir, FILE));
}

/** The last verdict, or null when no curve was computed (or the file is not one this code wrote). */
export function readCurveVerdict(modelsDir: string): CurveVerdict | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(modelsDir, FILE), 'utf8'));
  } catch {
    return null;
  }
  const v = raw as Partial<CurveVerdict>;
  if (typeof v.at !== 'string' || typeof v.labels !== 'number' || !Array.isArray(v.heads)) return null;
  const heads = v.heads.filter((h) => typeof h?.field === 'string' && VERDICTS.includes(h.verdict));
  return { at: v.at, labels: v.labels, heads };
}

const SHORT: Record<Verdict, string> = { rising: 'still rising', flat: 'flat', 'too-few': 'too few to tell' };

/** The header's few words: "curve @812: topics still rising · algeria flat". */
export function curveText(v: CurveVerdict): string {
  const heads = v.heads.map((h) => `${h.field.replace(/^stance:/, '')} ${SHORT[h.verdict]}`);
  return `curve @${v.labels}: ${heads.length === 0 ? SHORT['too-few'] : heads.join(' · ')}`;
}
