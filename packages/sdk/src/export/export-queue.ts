import type { SerializedItem } from './export-item.js';

/** A queue of serialised records bounded by count and bytes: when full, the oldest records make room and are counted as dropped. */
export class ExportQueue {
  private items: SerializedItem[] = [];
  private head = 0;
  private totalBytes = 0;

  constructor(private readonly maxItems: number, private readonly maxBytes: number) {}

  /** How many records wait. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** Bytes of the records that wait. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** Adds a record, dropping the oldest ones while the queue is over its limits; returns how many were dropped. */
  push(item: SerializedItem): number {
    this.items.push(item);
    this.totalBytes += item.bytes;
    let dropped = 0;
    while (this.length > 1 && (this.length > this.maxItems || this.totalBytes > this.maxBytes)) {
      this.shift();
      dropped++;
    }
    return dropped;
  }

  /** Takes the oldest records, at most `maxItems` of them and (beyond the first) at most `maxBytes`. */
  take(maxItems: number, maxBytes: number): SerializedItem[] {
    const batch: SerializedItem[] = [];
    let bytes = 0;
    while (this.length > 0 && batch.length < maxItems) {
      const next = this.items[this.head] as SerializedItem;
      if (batch.length > 0 && bytes + next.bytes > maxBytes) break;
      batch.push(this.shift());
      bytes += next.bytes;
    }
    return batch;
  }

  /** Empties the queue; returns how many records it held. */
  clear(): number {
    const count = this.length;
    this.items = [];
    this.head = 0;
    this.totalBytes = 0;
    return count;
  }

  private shift(): SerializedItem {
    const item = this.items[this.head] as SerializedItem;
    this.items[this.head] = undefined as unknown as SerializedItem;
    this.head++;
    this.totalBytes -= item.bytes;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
