const hexOfByte = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const pool = new Uint8Array(4096);
let offset = pool.length;

/** `bytes` random bytes as lowercase hex, drawn from a pool refilled by the platform's secure generator (Node and browsers alike). */
function randomHex(bytes: number): string {
  for (;;) {
    if (offset + bytes > pool.length) {
      globalThis.crypto.getRandomValues(pool);
      offset = 0;
    }
    let text = '';
    let zero = true;
    for (let index = 0; index < bytes; index++) {
      const byte = pool[offset++] as number;
      if (byte !== 0) zero = false;
      text += hexOfByte[byte];
    }
    // W3C trace context forbids all-zero ids.
    if (!zero) return text;
  }
}

/** A new W3C-style trace id: 32 lowercase hex characters. */
export function newTraceId(): string {
  return randomHex(16);
}

/** A new W3C-style span id: 16 lowercase hex characters. */
export function newSpanId(): string {
  return randomHex(8);
}

/** A new id for a feedback event or score: 24 hex characters. */
export function newRecordId(): string {
  return randomHex(12);
}
