// Raw (tf) vectors of many texts in one buffer per feature block, so a helper thread can hand its
// share of the vectorizing back without a copy (the buffers are transferred, not cloned).
import type { SparseVector } from '../../text/types.js';

/** One feature block of `count` texts as CSR: text i is offsets[i] … offsets[i + 1] of ids / values. */
export interface PackedBlock {
  offsets: Int32Array;
  ids: Uint32Array;
  values: Float32Array;
}

/** Per block, the texts' vectors packed (`raw[i][b]` is text i's vector of block b). */
export function packRaw(raw: readonly SparseVector[][], blocks: number): PackedBlock[] {
  return Array.from({ length: blocks }, (_, b) => {
    let nnz = 0;
    for (const r of raw) nnz += r[b]!.ids.length;
    const offsets = new Int32Array(raw.length + 1);
    const ids = new Uint32Array(nnz);
    const values = new Float32Array(nnz);
    let at = 0;
    raw.forEach((r, i) => {
      offsets[i] = at;
      ids.set(r[b]!.ids, at);
      values.set(r[b]!.values, at);
      at += r[b]!.ids.length;
    });
    offsets[raw.length] = at;
    return { offsets, ids, values };
  });
}

/** The texts' vectors as views over the packed blocks (nothing copied). */
export function unpackRaw(packed: readonly PackedBlock[]): SparseVector[][] {
  const count = (packed[0]?.offsets.length ?? 1) - 1;
  return Array.from({ length: count }, (_, i) =>
    packed.map((p) => ({ ids: p.ids.subarray(p.offsets[i], p.offsets[i + 1]), values: p.values.subarray(p.offsets[i], p.offsets[i + 1]) })),
  );
}

/** The buffers to transfer with a message holding `packed`. */
export function transferList(packed: readonly PackedBlock[]): ArrayBuffer[] {
  return packed.flatMap((p) => [p.offsets.buffer, p.ids.buffer, p.values.buffer] as ArrayBuffer[]);
}
