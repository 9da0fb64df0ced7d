/** What went wrong inside the SDK; reported through `onError`, never thrown into the application. */
export const genchiErrorCodes = [
  'export-rejected',
  'export-failed',
  'export-partial',
  'mask-failed',
  'record-dropped',
  'instrumentation-failed',
  'invalid-record',
  'not-configured',
] as const;
export type GenchiErrorCode = (typeof genchiErrorCodes)[number];

/** An SDK fault: its code, and for export faults the HTTP status and how many records were lost. */
export class GenchiError extends Error {
  override readonly name = 'GenchiError';

  constructor(
    readonly code: GenchiErrorCode,
    message: string,
    readonly details: { status?: number; records?: number; cause?: unknown } = {},
  ) {
    super(message);
  }
}

/** The error `generateObject` throws when no attempt gave an object that the schema accepts. */
export class StructuredOutputError extends Error {
  override readonly name = 'StructuredOutputError';

  constructor(
    message: string,
    /** Each attempt's raw answer and what was wrong with it. */
    readonly attempts: ReadonlyArray<{ text: string; errors: readonly string[] }>,
    /** The `generateObject` span, to look the attempts up in genchi or to attach feedback. */
    readonly spanId: string,
    readonly traceId: string,
  ) {
    super(message);
  }
}
