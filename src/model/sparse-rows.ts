// Many sparse vectors in three flat arrays (CSR: vector i is offsets[i] … offsets[i + 1] of ids and
// values), the form in which they cross to another thread: shared (the SVM's problem, read by every
// solving thread) or transferred (a vectorizing thread's share, handed back without a copy).
import type { SparseVector } from '../text/types.js';

export interface SparseRows {
  offsets: Int32Array;
  ids: Uint32Array;
  values: Float32Array;
}

/** Where the arrays live: plain ArrayBuffers (to transfer) or SharedArrayBuffers (to share). */
export type RowMemory = 'plain' | 'shared';

function buffer(memory: RowMemory, bytes: number): ArrayBufferLike {
  // At least 8 bytes: a zero-length SharedArrayBuffer is refused by some structured clones.
  return memory === 'shared' ? new SharedArrayBuffer(Math.max(8, bytes)) : new ArrayBuffer(bytes);
}

/** `xs` copied into one set of arrays. */
export function packRows(xs: readonly SparseVector[], memory: RowMemory): SparseRows {
  let nnz = 0;
  for (const x of xs) nnz += x.ids.length;
  const offsets = new Int32Array(buffer(memory, (xs.length + 1) * 4));
  const ids = new Uint32Array(buffer(memory, nnz * 4));
  const values = new Float32Array(buffer(memory, nnz * 4));
  let at = 0;
  xs.forEach((x, i) => {
    offsets[i] = at;
    ids.set(x.ids, at);
    values.set(x.values, at);
    at += x.ids.length;
  });
  offsets[xs.length] = at;
  return { offsets, ids, values };
}

/** The vectors as views over the arrays (nothing copied). */
export function unpackRows(rows: SparseRows): SparseVector[] {
  const n = rows.offsets.length - 1;
  return Array.from({ length: n }, (_, i) => ({
    ids: rows.ids.subarray(rows.offsets[i], rows.offsets[i + 1]),
    values: rows.values.subarray(rows.offsets[i], rows.offsets[i + 1]),
  }));
}

/** The buffers to transfer with a message holding `rows`. */
export function rowBuffers(rows: SparseRows): ArrayBuffer[] {
  return [rows.offsets.buffer, rows.ids.buffer, rows.values.buffer] as ArrayBuffer[];
}
