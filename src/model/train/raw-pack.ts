// Raw (tf) vectors of many texts in one set of arrays per feature block (../sparse-rows.ts), so a
// helper thread can hand its share of the vectorizing back without a copy (the buffers are
// transferred, not cloned).
import type { SparseVector } from '../../text/types.js';
import { packRows, rowBuffers, unpackRows } from '../sparse-rows.js';
import type { SparseRows } from '../sparse-rows.js';

/** Per block, the texts' vectors packed (`raw[i][b]` is text i's vector of block b). */
export function packRaw(raw: readonly SparseVector[][], blocks: number): SparseRows[] {
  return Array.from({ length: blocks }, (_, b) =>
    packRows(
      raw.map((r) => r[b]!),
      'plain',
    ),
  );
}

/** The texts' vectors as views over the packed blocks (nothing copied). */
export function unpackRaw(packed: readonly SparseRows[]): SparseVector[][] {
  const blocks = packed.map(unpackRows);
  const count = blocks[0]?.length ?? 0;
  return Array.from({ length: count }, (_, i) => blocks.map((b) => b[i]!));
}

/** The buffers to transfer with a message holding `packed`. */
export function transferList(packed: readonly SparseRows[]): ArrayBuffer[] {
  return packed.flatMap(rowBuffers);
}
