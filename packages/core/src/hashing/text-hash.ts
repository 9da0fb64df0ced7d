/**
 * A 32-bit hash of a text: FNV-1a over its UTF-16 code units from `seed`, then murmur3's finaliser,
 * so that texts differing in one character spread evenly. Stable across processes and versions:
 * stored keys and sticky assignments depend on it.
 */
export function hash32(text: string, seed = 0x811c9dc5): number {
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

/** A 53-bit hash of a text (a safe integer): two {@link hash32} lanes with different seeds. */
export function hash53(text: string): number {
  return (hash32(text, 0x811c9dc5) & 0x1fffff) * 0x1_0000_0000 + hash32(text, 0x9747b28c);
}
