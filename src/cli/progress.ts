import type { Writable } from 'node:stream';

export interface ProgressUpdate {
  /** Out of how many `done` counts (files, labels): the bar shows done/total. */
  total?: number;
  /** Or the share of the work done, 0 to 1, when the count's total is unknown (bytes of a file read). */
  fraction?: number;
  /** After the numbers, e.g. the file. */
  suffix?: string;
}

export interface ProgressBar {
  update(done: number, update?: ProgressUpdate): void;
  finish(): void;
}

const WIDTH = 24;

const seconds = (s: number) => (s < 60 ? `${Math.ceil(s)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`);

/** The line a progress bar draws (without the terminal's clear-line codes). */
export function progressLine(label: string, done: number, elapsedMs: number, { total, fraction, suffix = '' }: ProgressUpdate = {}): string {
  const share = fraction ?? (total === undefined || total === 0 ? undefined : Math.min(done, total) / total);
  const bar = share === undefined ? '' : `[${'#'.repeat(Math.round(WIDTH * share)).padEnd(WIDTH, '.')}] `;
  const percent = fraction === undefined ? '' : `${Math.floor(fraction * 100)}% `;
  const count = total === undefined ? `${done}` : `${done}/${total}`;
  const rate = done / Math.max(elapsedMs / 1000, 0.001);
  // A time left only once there is enough behind to extrapolate from.
  const left = share !== undefined && share >= 0.02 && share < 1 && elapsedMs >= 1000 ? `, ${seconds((elapsedMs / 1000) * ((1 - share) / share))} left` : '';
  return `${label} ${bar}${percent}${count} (${Math.round(rate)}/s${left})${suffix === '' ? '' : ` ${suffix}`}`;
}

/** A one-line progress bar on a terminal's stderr (redrawn at most 10×/s); silent when not a TTY. */
export function createProgress(stream: Writable & { isTTY?: boolean }, label: string): ProgressBar {
  if (stream.isTTY !== true) return { update() {}, finish() {} };
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(done, update = {}) {
      const now = Date.now();
      const complete = (update.total !== undefined && done >= update.total) || update.fraction === 1;
      if (now - last < 100 && !complete) return;
      last = now;
      stream.write(`\r\x1b[2K${progressLine(label, done, now - started, update)}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
