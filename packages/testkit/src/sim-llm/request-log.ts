import type { SimRecordedRequest } from './types.js';

/** A ring buffer of the most recent requests. */
export class RequestLog {
  readonly #capacity: number;
  #entries: SimRecordedRequest[] = [];
  #next = 0;

  /** Keeps at most `capacity` requests. */
  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  /** Records one request, dropping the oldest when full. */
  push(entry: SimRecordedRequest): void {
    if (this.#entries.length < this.#capacity) this.#entries.push(entry);
    else this.#entries[this.#next] = entry;
    this.#next = (this.#next + 1) % this.#capacity;
  }

  /** The kept requests, oldest first. */
  list(): SimRecordedRequest[] {
    if (this.#entries.length < this.#capacity) return [...this.#entries];
    return [...this.#entries.slice(this.#next), ...this.#entries.slice(0, this.#next)];
  }

  /** Forgets every request. */
  clear(): void {
    this.#entries = [];
    this.#next = 0;
  }
}
