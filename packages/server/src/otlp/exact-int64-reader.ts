import { Reader } from 'protobufjs/light.js';

/** A 64-bit integer as its two 32-bit halves. */
export interface Int64Bits {
  low: number;
  high: number;
  unsigned: boolean;
}

const outOfRange = (): RangeError => new RangeError('index out of range');

/** Reads a varint-encoded int64 as its halves. */
function readInt64Bits(this: Reader): Int64Bits {
  const buffer = this.buf;
  let low = 0;
  let high = 0;
  let byte = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (this.pos >= this.len) throw outOfRange();
    byte = buffer[this.pos++] as number;
    low |= (byte & 0x7f) << shift;
    if (byte < 0x80) return { low, high, unsigned: false };
  }
  if (this.pos >= this.len) throw outOfRange();
  byte = buffer[this.pos++] as number;
  low |= (byte & 0x0f) << 28;
  high = (byte & 0x7f) >> 4;
  if (byte < 0x80) return { low, high, unsigned: false };
  for (let shift = 3; shift < 32; shift += 7) {
    if (this.pos >= this.len) throw outOfRange();
    byte = buffer[this.pos++] as number;
    high |= (byte & 0x7f) << shift;
    if (byte < 0x80) return { low, high, unsigned: false };
  }
  throw new Error('invalid varint encoding');
}

/** Reads a fixed64 (little-endian) as its halves. */
function readFixed64Bits(this: Reader): Int64Bits {
  if (this.pos + 8 > this.len) throw outOfRange();
  const buffer = this.buf;
  const at = this.pos;
  const low = ((buffer[at] as number) | ((buffer[at + 1] as number) << 8) | ((buffer[at + 2] as number) << 16) | ((buffer[at + 3] as number) << 24)) >>> 0;
  const high = ((buffer[at + 4] as number) | ((buffer[at + 5] as number) << 8) | ((buffer[at + 6] as number) << 16) | ((buffer[at + 7] as number) << 24)) >>> 0;
  this.pos += 8;
  return { low, high, unsigned: true };
}

/**
 * A protobufjs reader whose 64-bit integers come out as exact halves. Without this, protobufjs
 * gives imprecise numbers wherever it cannot load the `long` package (as under some test runners).
 */
export function exactInt64Reader(body: Uint8Array): Reader {
  const reader = Reader.create(body);
  Object.assign(reader, { int64: readInt64Bits, fixed64: readFixed64Bits });
  return reader;
}
