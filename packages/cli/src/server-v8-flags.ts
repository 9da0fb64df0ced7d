import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings of the `genchi serve` process, applied before the server starts so that they also hold for the
 * writer thread's isolate. Both keep peak memory down (docs/architecture.md "Memory"; `npm run bench gateway`):
 * - the old generation may grow to 1.25 times what survived the last full collection before the next one, instead
 *   of up to 4 times: at 50 gateway connections it otherwise filled with ~70 MB of garbage over a ~23 MB live heap;
 *   full collections stay rare (a handful a minute under load) because little outlives a request;
 * - WebAssembly stays on V8's baseline compiler: undici parses HTTP with llhttp compiled to WebAssembly, and
 *   optimizing its one large function on the first upstream call held ~35 MB for about a second.
 */
export const serverV8Flags = ['--heap-growing-percent=25', '--liftoff-only'] as const;

export function applyServerV8Flags(): void {
  for (const flag of serverV8Flags) setFlagsFromString(flag);
}
