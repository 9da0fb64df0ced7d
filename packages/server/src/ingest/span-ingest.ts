import { deriveSpanRecord, type PriceBook } from '@genchi/core';
import type { SpanInput } from '@genchi/spec';
import type { TraceStore, WriteOptions, WriteOutcome } from '../storage/storage.js';

/** The one write path for spans, whichever way they came in (native batch, OTLP, SDK, gateway). */
export class SpanIngest {
  constructor(private readonly traces: TraceStore, private readonly prices: PriceBook) {}

  /** Derives each parsed span (defaults, latency, token estimates, cost) and writes them; resolves when durable. */
  async write(projectId: string, inputs: readonly SpanInput[], options: WriteOptions = {}): Promise<WriteOutcome[]> {
    if (inputs.length === 0) return [];
    const context = { prices: this.prices, now: Date.now() };
    return this.traces.writeSpans(projectId, inputs.map((input) => deriveSpanRecord(input, context)), options);
  }
}
