import { startTestGenchi, type TestGenchi } from '@genchi/server/testing';
import type { GenchiConfigInput } from '@genchi/spec';
import { startSimLlm, type SimLlm, type SimLlmOptions } from '@genchi/testkit';
import OpenAI from 'openai';
import { Genchi, type GenchiOptions } from '../genchi.js';
import type { GenchiError } from '../genchi-error.js';

/** A listening genchi, the simulated model server, an SDK exporting to that genchi, and the official client: what the SDK's tests use. */
export interface SdkHarness {
  genchi: TestGenchi;
  sim: SimLlm;
  sdk: Genchi;
  /** The official `openai` client against sim-llm, unwrapped. */
  openai: OpenAI;
  /** What the SDK reported through `onError`. */
  errors: GenchiError[];
  /** GET a genchi query path with the admin key, as a user would (over HTTP). */
  query<T = Record<string, unknown>>(path: string): Promise<T>;
  /** Waits until the span is queryable in genchi (after a flush) and returns its detail. */
  span(id: string): Promise<Record<string, any>>;
  close(): Promise<void>;
}

/** Starts the parts; the SDK sends every 20 ms so tests rarely wait. */
export async function startSdkHarness(options: { sdk?: GenchiOptions; sim?: SimLlmOptions; config?: GenchiConfigInput } = {}): Promise<SdkHarness> {
  const genchi = await startTestGenchi(options.config ? { config: options.config } : {});
  const sim = await startSimLlm(options.sim);
  const errors: GenchiError[] = [];
  const sdk = new Genchi({
    baseUrl: genchi.url,
    apiKey: await genchi.keyWith(['ingest']),
    onError: (error) => errors.push(error),
    flushOnExit: false,
    ...options.sdk,
    exporter: { flushIntervalMs: 20, ...options.sdk?.exporter },
  });
  const openai = new OpenAI({ baseURL: sim.url, apiKey: 'sk-sim', maxRetries: 0 });
  const query = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${genchi.url}${path}`, { headers: genchi.headers() });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    genchi,
    sim,
    sdk,
    openai,
    errors,
    query,
    async span(id) {
      await sdk.flush(5_000);
      return query(`/v1/spans/${id}`);
    },
    async close() {
      await sdk.shutdown(1_000);
      await Promise.all([sim.close(), genchi.close()]);
    },
  };
}
