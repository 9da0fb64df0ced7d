import { z } from 'zod';

/** The envelope of `POST /v1/ingest`: items are checked one by one against the kind named by `type`. */
export const ingestEnvelopeSchema = z.object({
  batch: z.array(z.unknown()).min(1).max(10_000),
  sdk: z.object({ name: z.string().max(100), version: z.string().max(50) }).optional(),
});
export type IngestEnvelope = z.infer<typeof ingestEnvelopeSchema>;

/** The head of every batch item; its `body` is parsed by the schema of its type. */
export const ingestItemHeadSchema = z.object({
  type: z.string().min(1).max(40),
  body: z.record(z.string(), z.unknown()),
});

/** What became of one batch item. */
export type IngestItemStatus = 'created' | 'merged' | 'rejected';

/** The answer of `POST /v1/ingest`: one result per item, in order. */
export interface IngestResponse {
  accepted: number;
  rejected: number;
  results: Array<{ index: number; type: string; id: string | null; status: IngestItemStatus; error?: string }>;
}

/** The answer of `POST /v1/traces` (OTLP's ExportTraceServiceResponse, JSON form). */
export interface OtlpExportResponse {
  partialSuccess?: { rejectedSpans: number; errorMessage: string };
}
