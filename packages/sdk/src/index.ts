export { Genchi, type GenchiOptions, type ScoreOptions } from './genchi.js';
export { GenchiError, StructuredOutputError, genchiErrorCodes, type GenchiErrorCode } from './genchi-error.js';
export type { CallContext } from './context/call-context.js';
export type { WrapOptions } from './openai/wrap-openai.js';
export type { ObserveOptions } from './spans/observe.js';
export type { SpanHandle, SpanFields } from './spans/span-handle.js';
export type {
  ChatCompletionsClient,
  GenerateObjectOptions,
  GenerateObjectResult,
  StructuredMode,
  StructuredOutcome,
} from './structured/generate-object.js';
export type { OutputFormat } from './structured/output-formats.js';
export type { ExplicitFeedback, FeedbackEvent, FeedbackOptions, ImplicitFeedback } from './feedback/feedback-event.js';
export { maskFailedMarker, type MaskFunction, type MaskRecord } from './export/export-item.js';
export { exporterDefaults, type DropCounts, type ExporterOptions, type ExporterStats, type FlushResult } from './export/exporter-options.js';
export { sdkVersion } from './version.js';
