/** Kinds of hashed lookup keys; each hashes its own namespace. (6 was the score id key; scores are found by span.) */
export const keyKinds = {
  spanId: 1,
  traceId: 2,
  userId: 3,
  sessionId: 4,
  tag: 5,
  scoreSpan: 7,
  feedbackId: 8,
  feedbackSpan: 9,
} as const;
export type KeyKind = keyof typeof keyKinds;

function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/**
 * A 53-bit key for a value of a kind in a project. Different values may share a key (rarely), so a
 * lookup always checks the value on the row it finds.
 */
export function recordKey(kind: KeyKind, project: number, value: string): number {
  const text = `${keyKinds[kind]}:${project}:${value}`;
  const high = fnv1a(text, 0x811c9dc5) & 0x1fffff;
  const low = fnv1a(text, 0x9747b28c);
  return high * 0x1_0000_0000 + low;
}
