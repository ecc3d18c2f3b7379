import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curveText, readCurveVerdict, saveCurveVerdict } from '../../src/active/curve-store.js';
import type { CurveReport } from '../../src/active/curve.js';
import { progressText } from '../../tui/components/Header.js';
import { fresh } from '../tui/state-fixture.js';
import { tempDir } from '../helpers/temp.js';

const REPORT: CurveReport = {
  labels: 812,
  heldOut: 162,
  seed: 1,
  heads: [
    { field: 'topics', heldOut: 162, metric: 'macro_f1', points: [], verdict: 'rising' },
    { field: 'stance:algeria', heldOut: 90, metric: 'f1_favor_against', points: [], verdict: 'flat' },
  ],
};

describe('the last learning-curve verdict', () => {
  it('is saved beside the models and read back; nothing there (or not ours) reads as none', () => {
    const dir = join(tempDir(), 'models');
    expect(readCurveVerdict(dir)).toBeNull();
    saveCurveVerdict(dir, REPORT, new Date('2026-12-03T10:00:00Z'));
    expect(readCurveVerdict(dir)).toEqual({
      at: '2026-12-03T10:00:00.000Z',
      labels: 812,
      heads: [
        { field: 'topics', verdict: 'rising' },
        { field: 'stance:algeria', verdict: 'flat' },
      ],
    });
    expect(existsSync(join(dir, `.curve.json.${process.pid}.tmp`))).toBe(false);
    writeFileSync(join(dir, 'curve.json'), '{"half":');
    expect(readCurveVerdict(dir)).toBeNull();
  });

  it('reads in a few words, and the labeling screen header shows them', () => {
    const text = curveText({ at: '', labels: 812, heads: REPORT.heads });
    expect(text).toBe('curve @812: topics still rising · algeria flat');
    expect(curveText({ at: '', labels: 3, heads: [] })).toBe('curve @3: too few to tell');
    const s = fresh();
    expect(progressText({ ...s, curve: text }, s.startedAt)).toMatch(/ · session 0 · curve @812: topics still rising · algeria flat$/);
    expect(progressText(s, s.startedAt)).not.toContain('curve');
  });
});
