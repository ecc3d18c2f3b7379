import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, progressLine } from '../../src/cli/progress.js';

describe('progress bar', () => {
  it('a share of the input: bar, percent, count, rate and the time left', () => {
    expect(progressLine('importing', 25_000, 5_000, { fraction: 0.25, suffix: 'a.csv' })).toBe(
      'importing [######..................] 25% 25000 (5000/s, 15 s left) a.csv',
    );
    expect(progressLine('importing', 90_000, 60_000, { fraction: 0.2 })).toBe('importing [#####...................] 20% 90000 (1500/s, 4 min 0 s left)');
    // Nothing to extrapolate from yet, or nothing left: no time.
    expect(progressLine('importing', 10, 200, { fraction: 0.01 })).toBe('importing [........................] 1% 10 (50/s)');
    expect(progressLine('importing', 100, 2_000, { fraction: 1 })).toBe('importing [########################] 100% 100 (50/s)');
  });

  it('a count out of a total, or a bare count', () => {
    expect(progressLine('importing', 2, 1_000, { total: 8, suffix: 'x.txt' })).toBe('importing [######..................] 2/8 (2/s, 3 s left) x.txt');
    expect(progressLine('exporting', 1_200, 2_000)).toBe('exporting 1200 (600/s)');
  });

  it('draws on a terminal only, and clears its line at the end', () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    let out = '';
    tty.on('data', (d: Buffer) => (out += d.toString()));
    const bar = createProgress(tty, 'importing');
    bar.update(5, { fraction: 0.5 });
    bar.update(6, { fraction: 0.6 }); // within 100 ms of the last frame: skipped
    bar.update(10, { fraction: 1 }); // the end is always drawn
    bar.finish();
    expect(out.split('\r\x1b[2K').filter((s) => s !== '')).toEqual([
      expect.stringMatching(/^importing \[#{12}\.{12}\] 50% 5 /),
      expect.stringMatching(/^importing \[#{24}\] 100% 10 /),
    ]);
    expect(out.endsWith('\r\x1b[2K')).toBe(true);

    const pipe = new PassThrough();
    let piped = '';
    pipe.on('data', (d: Buffer) => (piped += d.toString()));
    const silent = createProgress(pipe, 'importing');
    silent.update(1, { fraction: 1 });
    silent.finish();
    expect(piped).toBe('');
  });
});
