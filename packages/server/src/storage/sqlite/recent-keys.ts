import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './open-database.js';
import { keyRowsSql } from './record-keys.js';
import { placeholders } from './sql-placeholders.js';

/**
 * The recent hashed keys, written only by the writer thread.
 *
 * Keys are hashes, so new ones land on random pages of whatever table holds them, and a commit writes
 * every page it touched. New keys therefore go into buckets filled one after another (`bucket, key`
 * order): a commit touches only the pages of the bucket being filled, not those of every recent key.
 * Readers see the buckets through the `recent_keys` view (one seek per live bucket). Once enough keys sit
 * in full buckets, a sweep moves them into the large `record_keys` in key order, one key range per
 * transaction, so that each move touches only its range's pages of that table.
 *
 * Keys added by a write wait in memory until `flush` (the writer's end of each request, and any keyed
 * read or delete that might need them) and go in sorted, many to a statement: inserting a request's keys
 * in key order walks the bucket once instead of jumping about it once per key.
 */
export class RecentKeys {
  /** The bucket being filled, how many keys it holds, and how many all buckets hold. */
  private bucket: number;
  private inBucket: number;
  private total: number;
  private sweep: { below: number; chunk: number; chunks: number } | null = null;
  private readonly filter: KeyFilter;
  /** Keys added and not yet inserted: key, time and row, three numbers each. */
  private readonly pending: number[] = [];
  private readonly inserts = new Map<number, Statement<number[]>>();
  private readonly remove;
  private readonly startBucket;
  private readonly bucketSize: number;

  constructor(
    private readonly database: SqliteDatabase,
    private readonly options: { recentKeyLimit: number; keyMoveChunk: number },
  ) {
    // About a dozen full buckets before a sweep: few seeks per lookup, few pages per commit.
    this.bucketSize = Math.max(1, Math.min(16_384, Math.ceil(options.recentKeyLimit / 12)));
    this.filter = new KeyFilter(options.recentKeyLimit);
    this.remove = database.prepare<[number, number, number], { bucket: number }>(
      'DELETE FROM recent_bucket_keys WHERE bucket IN (SELECT bucket FROM recent_key_buckets) AND key = ? AND time = ? AND row = ? RETURNING bucket',
    );
    this.startBucket = database.prepare('INSERT INTO recent_key_buckets (bucket) VALUES (?)');
    this.bucket = (database.prepare('SELECT max(bucket) AS bucket FROM recent_key_buckets').get() as { bucket: number | null }).bucket ?? 0;
    this.inBucket = (database.prepare('SELECT count(*) AS count FROM recent_bucket_keys WHERE bucket = ?').get(this.bucket) as { count: number }).count;
    this.total = this.rebuildFilter();
  }

  /** Adds a key of a row (inside the caller's transaction; inserted by the next `flush`). */
  add(key: number, time: number, row: number): void {
    this.pending.push(key, time, row);
    this.filter.add(key);
  }

  /** Inserts the keys added since the last flush, in key order (inside the caller's transaction). */
  flush(): void {
    const count = this.pending.length / 3;
    if (count === 0) return;
    const order = Array.from({ length: count }, (_, index) => index * 3);
    order.sort((a, b) => (this.pending[a] as number) - (this.pending[b] as number));
    for (let start = 0; start < count; start += insertWidth) {
      const slice = order.slice(start, start + insertWidth);
      const values: number[] = [];
      for (const at of slice) values.push(this.bucket, this.pending[at] as number, this.pending[at + 1] as number, this.pending[at + 2] as number);
      const inserted = this.insertStatement(slice.length).run(...values).changes;
      this.inBucket += inserted;
      this.total += inserted;
    }
    this.pending.length = 0;
  }

  private insertStatement(rows: number): Statement<number[]> {
    let statement = this.inserts.get(rows);
    if (statement === undefined) {
      statement = this.database.prepare<number[]>(`INSERT OR IGNORE INTO recent_bucket_keys (bucket, key, time, row) VALUES ${placeholders(rows, '(?, ?, ?, ?)')}`);
      this.inserts.set(rows, statement);
    }
    return statement;
  }

  /** Removes a key of a row, wherever it sits among the recent keys (inside the caller's transaction). */
  delete(key: number, time: number, row: number): void {
    this.flush();
    for (const { bucket } of this.remove.all(key, time, row)) {
      this.total--;
      if (bucket === this.bucket) this.inBucket--;
    }
  }

  /** False when `key` is certainly not among the recent keys (then only record_keys can hold it). */
  mayHold(key: number): boolean {
    return this.filter.mayHold(key);
  }

  /**
   * A keyed read prepared twice, its key rows (`sql`'s argument) from both key tables or from
   * record_keys alone, and the one to run for a key: a key the filter says the recent keys certainly
   * lack (nearly every new record's) skips their seeks.
   */
  keyedRead<Parameters extends unknown[], Result>(sql: (keyRows: string) => string): (key: number) => Statement<Parameters, Result> {
    const both = this.database.prepare<Parameters, Result>(sql(keyRowsSql.both));
    const old = this.database.prepare<Parameters, Result>(sql(keyRowsSql.old));
    return (key) => {
      if (!this.mayHold(key)) return old;
      this.flush();
      return both;
    };
  }

  /** Where the writing stands, to put back when the transaction that changed it rolls back. */
  counts(): KeyCounts {
    return { bucket: this.bucket, inBucket: this.inBucket, total: this.total };
  }

  restore(counts: KeyCounts): void {
    this.pending.length = 0;
    ({ bucket: this.bucket, inBucket: this.inBucket, total: this.total } = counts);
  }

  /** Starts a new bucket when the current one is full (inside the caller's transaction). */
  startBucketWhenFull(): void {
    if (this.inBucket < this.bucketSize) return;
    this.startBucket.run(this.bucket + 1);
    this.bucket++;
    this.inBucket = 0;
  }

  /** Whether a sweep is under way, or enough keys sit in full buckets to start one. */
  get keysToMove(): boolean {
    return this.sweep !== null || this.total - this.inBucket >= this.options.recentKeyLimit;
  }

  /**
   * Moves one key range of the full buckets into record_keys (starting a sweep when none is under way);
   * when the last range has moved, the emptied buckets are dropped. Returns how many keys moved.
   */
  moveKeys(): number {
    if (this.sweep === null) {
      const chunks = Math.max(1, Math.ceil((this.total - this.inBucket) / this.options.keyMoveChunk));
      this.sweep = { below: this.bucket, chunk: 0, chunks };
    }
    const sweep = this.sweep;
    const bounds = { below: sweep.below, from: keyBound(sweep.chunk, sweep.chunks), to: keyBound(sweep.chunk + 1, sweep.chunks) };
    const range = 'bucket IN (SELECT bucket FROM recent_key_buckets WHERE bucket < @below) AND key >= @from AND key < @to';
    const moved = this.database.transaction(() => {
      this.database.prepare(`INSERT OR IGNORE INTO record_keys SELECT key, time, row FROM recent_bucket_keys WHERE ${range} ORDER BY key, time, row`).run(bounds);
      const deleted = this.database.prepare(`DELETE FROM recent_bucket_keys WHERE ${range}`).run(bounds).changes;
      if (sweep.chunk + 1 === sweep.chunks) this.database.prepare('DELETE FROM recent_key_buckets WHERE bucket < ?').run(sweep.below);
      return deleted;
    }).immediate();
    this.total -= moved;
    sweep.chunk++;
    if (sweep.chunk === sweep.chunks) {
      this.sweep = null;
      this.rebuildFilter();
    }
    return moved;
  }

  /** Fills the filter with the keys the buckets hold (after a sweep, it forgets the moved ones); returns how many. */
  private rebuildFilter(): number {
    this.filter.clear();
    let count = 0;
    for (const { key } of this.database.prepare('SELECT key FROM recent_bucket_keys').iterate() as IterableIterator<{ key: number }>) {
      this.filter.add(key);
      count++;
    }
    return count;
  }
}

/** Keys inserted per statement at most (four values each). */
const insertWidth = 128;

interface KeyCounts {
  bucket: number;
  inBucket: number;
  total: number;
}

/** Keys are 53-bit hashes, spread evenly over [0, 2^53): chunk `index` of `count` covers an equal share. */
const keySpace = 2 ** 53;
const keyBound = (index: number, count: number): number => (index === count ? keySpace : Math.floor((keySpace / count) * index));

/**
 * A Bloom filter over the recent keys: about 20 bits per key the buckets hold before a sweep, three
 * probes (512 KB for the default 200,000 keys; then about one lookup in 200 of a key the buckets lack
 * still probes them). The keys are hashes already, so the probes are slices of the key.
 */
class KeyFilter {
  private readonly bits: number;
  private readonly words: Uint32Array;

  constructor(expectedKeys: number) {
    this.bits = 2 ** Math.ceil(Math.log2(Math.max(1_024, expectedKeys * 20)));
    this.words = new Uint32Array(this.bits / 32);
  }

  add(key: number): void {
    const [first, step] = this.probes(key);
    for (let probe = 0, at = first; probe < 3; probe++, at = (at + step) % this.bits) {
      this.words[at >>> 5] = (this.words[at >>> 5] as number) | (1 << (at & 31));
    }
  }

  mayHold(key: number): boolean {
    const [first, step] = this.probes(key);
    for (let probe = 0, at = first; probe < 3; probe++, at = (at + step) % this.bits) {
      if (((this.words[at >>> 5] as number) & (1 << (at & 31))) === 0) return false;
    }
    return true;
  }

  clear(): void {
    this.words.fill(0);
  }

  private probes(key: number): [number, number] {
    return [key % this.bits, (Math.floor(key / this.bits) % this.bits) | 1];
  }
}
