import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(4096);
let offset = pool.length;

/** `bytes` random bytes as hex, drawn from a pool refilled 4 KiB at a time (ids are made on every call). */
function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const text = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return text;
}

/** A new trace id: 32 hex characters, as OpenTelemetry writes them. */
export function newTraceId(): string {
  return randomHex(16);
}

/** A new span id: 16 hex characters, as OpenTelemetry writes them. */
export function newSpanId(): string {
  return randomHex(8);
}
