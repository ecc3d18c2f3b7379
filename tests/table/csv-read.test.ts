// The CSV reader under imports: a consumer slower than the disk (the import transaction) must hold
// the file back, not let it be read ahead into memory, and pausing must not lose or repeat rows.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { openCsv } from '../../src/table/csv-read.js';
import { tempDir } from '../helpers/temp.js';

const ROWS = 12_000;
/** Rows of uneven length (~2.5 kB of Arabic), so that pauses fall anywhere in a read chunk. */
const bodyOf = (i: number) => `${i} ${'نص الخبر '.repeat(100 + (i % 97))}`;

function writeCsv(): string {
  const file = join(tempDir(), 'big.csv');
  const lines = ['id,text'];
  for (let i = 0; i < ROWS; i++) lines.push(`${i},"${bodyOf(i)}"`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

it('reads no further ahead than its row queue while the consumer waits, and yields every row once', async () => {
  const file = writeCsv();
  const source = await openCsv(file);
  const rows = source.records()[Symbol.asyncIterator]();
  expect((await rows.next()).value?.fields['id']).toBe('0');
  // Give the file stream every chance to run ahead: wait until it stops reading.
  let before = -1;
  while (source.bytesRead!() !== before) {
    before = source.bytesRead!();
    await sleep(100);
  }
  // The file is ~30 MB; held back, only the queued rows (2,000) and a few 1 MiB chunks are read.
  expect(source.bytesRead!()).toBeLessThan(12 << 20);
  let n = 1;
  for (let r = await rows.next(); r.done !== true; r = await rows.next()) {
    expect(r.value.fields['text']).toBe(bodyOf(n));
    n++;
  }
  expect(n).toBe(ROWS);
});
