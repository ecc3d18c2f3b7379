import type { Writable } from 'node:stream';

export interface ProgressBar {
  update(done: number, total?: number, suffix?: string): void;
  finish(): void;
}

const WIDTH = 24;

/** A one-line progress bar on a terminal's stderr (redrawn at most 10×/s); silent when not a TTY. */
export function createProgress(stream: Writable & { isTTY?: boolean }, label: string): ProgressBar {
  if (stream.isTTY !== true) return { update() {}, finish() {} };
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(done, total, suffix = '') {
      const now = Date.now();
      if (now - last < 100 && (total === undefined || done < total)) return;
      last = now;
      const rate = done / Math.max((now - started) / 1000, 0.001);
      const bar = total === undefined || total === 0
        ? ''
        : `[${'#'.repeat(Math.round((WIDTH * Math.min(done, total)) / total)).padEnd(WIDTH, '.')}] `;
      const count = total === undefined ? `${done}` : `${done}/${total}`;
      stream.write(`\r\x1b[2K${label} ${bar}${count} (${Math.round(rate)}/s)${suffix === '' ? '' : ` ${suffix}`}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
