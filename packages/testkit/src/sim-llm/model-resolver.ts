// A date (2024-07-18, 20241022) or an OpenAI-style four-digit snapshot suffix (gpt-4-0613, -1106-preview).
const DATED = /\d{4}-\d{2}-\d{2}|(?<!\d)20\d{6}(?!\d)|-\d{4}(?:-|$)/;
const SIMULATED_VERSION_SUFFIX = '-sim-2025-01-01';
const CACHE_LIMIT = 1_000;

/** Maps a requested model name to the dated version the simulated provider answers with. */
export class ModelResolver {
  readonly #pinned = new Map<string, string>();
  readonly #cache = new Map<string, string>();

  constructor(pinned: Readonly<Record<string, string>> = {}) {
    for (const [requested, resolved] of Object.entries(pinned)) this.#pinned.set(requested, resolved);
  }

  /** Makes `requested` resolve to `resolved` from now on. */
  pin(requested: string, resolved: string): void {
    this.#pinned.set(requested, resolved);
  }

  /** The names pinned so far, for the model list. */
  pinnedNames(): string[] {
    return [...this.#pinned.keys()];
  }

  /** The pinned version, else the name itself when already dated, else `<name>-sim-2025-01-01`. */
  resolve(requested: string): string {
    const pinned = this.#pinned.get(requested);
    if (pinned !== undefined) return pinned;
    let resolved = this.#cache.get(requested);
    if (resolved === undefined) {
      resolved = DATED.test(requested) ? requested : requested + SIMULATED_VERSION_SUFFIX;
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
      this.#cache.set(requested, resolved);
    }
    return resolved;
  }
}
