// The SDK's only contact with the host process: environment variables, the exit hook, and warnings.
// It lives inside the application, so these are its entry-point concerns (STYLE habit 7).
import type { GenchiError } from './genchi-error.js';

/** Settings read from the environment: `GENCHI_BASE_URL`, `GENCHI_API_KEY`, `GENCHI_ENVIRONMENT`. */
export function environmentSettings(): { baseUrl?: string; apiKey?: string; environment?: string } {
  const read = (name: string): string | undefined => {
    const value = process.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const baseUrl = read('GENCHI_BASE_URL');
  const apiKey = read('GENCHI_API_KEY');
  const environment = read('GENCHI_ENVIRONMENT');
  return { ...(baseUrl ? { baseUrl } : {}), ...(apiKey ? { apiKey } : {}), ...(environment ? { environment } : {}) };
}

/** Something that sends what it holds when the process is about to exit normally. */
export interface ExitFlushing {
  exitFlush(): Promise<void>;
}

// Held weakly: an SDK instance the application dropped (with nothing left to send) can be collected.
const flushingOnExit = new Set<WeakRef<ExitFlushing>>();
let hooked = false;

function onBeforeExit(): void {
  for (const reference of flushingOnExit) {
    const exporter = reference.deref();
    if (exporter === undefined) flushingOnExit.delete(reference);
    else exporter.exitFlush().catch(() => undefined);
  }
}

/**
 * Flushes an exporter when the event loop runs dry (`beforeExit`: a normal end, not `process.exit()`
 * or a signal). The flush keeps the process alive until it is done or its timeout passes.
 */
export function flushOnExit(exporter: ExitFlushing): () => void {
  const reference = new WeakRef(exporter);
  flushingOnExit.add(reference);
  if (!hooked) {
    hooked = true;
    process.on('beforeExit', onBeforeExit);
  }
  return () => {
    flushingOnExit.delete(reference);
  };
}

const warned = new Set<string>();

/** The default `onError`: one process warning per kind of fault, so a misconfigured SDK is noticed without flooding the log. */
export function warnOnce(error: GenchiError): void {
  if (warned.has(error.code)) return;
  warned.add(error.code);
  process.emitWarning(`${error.message} (further ${error.code} faults are not shown; pass onError to see them all)`, { type: 'GenchiWarning', code: `GENCHI_${error.code.toUpperCase().replace(/-/g, '_')}` });
}
