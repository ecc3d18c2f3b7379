// One side of a copy: the source (read in one snapshot) or the target (written in one transaction).
import type { ProviderName } from '../provider.js';
import type { Catalog, CopyTable } from './tables.js';
import type { CopyValue } from './values.js';

export interface CopyConnection {
  readonly provider: ProviderName;
  catalog(): Promise<Catalog>;
  /** Source: a consistent read snapshot for every later read. Target: the one write transaction. */
  begin(mode: 'read' | 'write'): Promise<void>;
  count(table: CopyTable): Promise<number>;
  /** The table's rows, canonical values in `table.columns` order, `size` at a time. */
  batches(table: CopyTable, size: number): AsyncIterable<CopyValue[][]>;
  /** Inserts rows; with `skipExisting`, a row whose key is already there is left out. Returns rows written. */
  insert(table: CopyTable, rows: CopyValue[][], skipExisting: boolean): Promise<number>;
  /** PostgreSQL: moves each autoincrement sequence past the largest id, so later inserts do not collide. */
  advanceSequences(tables: readonly CopyTable[]): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): Promise<void>;
}

export const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
