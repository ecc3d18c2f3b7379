// The strict UTF-8 stream under CSV/JSONL imports: characters cut by the 1 MiB read chunks must
// come out whole, and bad bytes must still be named by line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openTextStream } from '../../src/text-file/decode-stream.js';
import { tempDir } from '../helpers/temp.js';

async function read(bytes: Buffer): Promise<string> {
  const file = join(tempDir(), 'f.csv');
  writeFileSync(file, bytes);
  let out = '';
  for await (const s of await openTextStream(file)) out += s as string;
  return out;
}

it('decodes 2-, 3- and 4-byte characters that straddle read chunks; drops the BOM', async () => {
  // 1 + 2 + 3 + 4 bytes a line, so every alignment of a character against a chunk edge occurs.
  const text = 'aس€😀\n'.repeat(300_000);
  expect(Buffer.byteLength(text)).toBeGreaterThan(3 << 20);
  expect(await read(Buffer.from(`\ufeff${text}`))).toBe(text);
});

it('names the line of invalid UTF-8, and a file cut inside a character', async () => {
  const head = Buffer.from('سطر\n'.repeat(400_000)); // past the first chunk
  await expect(read(Buffer.concat([head, Buffer.from('ok\nca'), Buffer.from([0xe9]), Buffer.from('\n')]))).rejects.toThrow(/line 400002: is not valid UTF-8/);
  await expect(read(Buffer.concat([head, Buffer.from('س').subarray(0, 1)]))).rejects.toThrow(/line 400001: ends inside a UTF-8 character/);
});
