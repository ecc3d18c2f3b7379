// The import's index of the band keys it created (src/ingest/write/local-buckets.ts): it answers a
// key only while it knows every stored member, in the database's order, and hands keys back when not.
import { describe, expect, it } from 'vitest';
import { BandFilter } from '../../src/ingest/write/band-filter.js';
import { LocalBuckets } from '../../src/ingest/write/local-buckets.js';

const candidate = () => ({ signature: new Uint32Array(64), group: null });

/** Adds as the grouping does: the index first, then the keys into the filter. */
function store(local: LocalBuckets, filter: BandFilter, id: string, keys: number[]): void {
  local.add(id, candidate(), keys, filter);
  for (const k of keys) filter.add(k);
}

describe('LocalBuckets', () => {
  it('answers keys first stored by this import, members ascending by id', () => {
    const local = new LocalBuckets();
    const filter = new BandFilter();
    store(local, filter, 'b', [1, 2]);
    store(local, filter, 'a', [2, 3]);
    store(local, filter, 'c', [2]);
    expect(local.membersOf(2)).toEqual(['a', 'b', 'c']);
    expect(local.membersOf(1)).toEqual(['b']);
    expect(local.membersOf(4)).toBeUndefined();
    expect(local.candidate('a')).toBeDefined();
  });

  it('leaves a key the database may hold already to the database', () => {
    const local = new LocalBuckets();
    const filter = new BandFilter();
    filter.add(7); // stored before the import (or another key with the same bit)
    store(local, filter, 'a', [7, 8]);
    expect(local.membersOf(7)).toBeUndefined();
    expect(local.membersOf(8)).toEqual(['a']);
  });

  it('past its bound tracks no more articles and hands back the keys they join', () => {
    const local = new LocalBuckets(2);
    const filter = new BandFilter();
    store(local, filter, 'a', [1, 2]);
    store(local, filter, 'b', [2, 3]);
    store(local, filter, 'c', [3, 4]);
    expect(local.candidate('c')).toBeUndefined();
    expect(local.membersOf(1)).toEqual(['a']);
    expect(local.membersOf(2)).toEqual(['a', 'b']);
    expect(local.membersOf(3)).toBeUndefined(); // c is stored under it, and not known here
    expect(local.membersOf(4)).toBeUndefined();
  });

  it('once disabled answers nothing', () => {
    const local = new LocalBuckets();
    const filter = new BandFilter();
    store(local, filter, 'a', [1]);
    local.disable();
    store(local, filter, 'b', [2]);
    expect(local.membersOf(1)).toBeUndefined();
    expect(local.membersOf(2)).toBeUndefined();
    expect(local.candidate('a')).toBeUndefined();
  });
});
