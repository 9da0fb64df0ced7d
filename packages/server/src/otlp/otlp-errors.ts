/** Thrown when a protobuf body is not an OTLP `ExportTraceServiceRequest`. */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';
}

/** Thrown when a whole OTLP request has the wrong shape (not an object, `resourceSpans` not an array). */
export class OtlpShapeError extends Error {
  override readonly name = 'OtlpShapeError';
  /** Where in the request the problem is, e.g. `resourceSpans`. */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.path = path;
  }
}

/**
 * A problem inside one part of a request, with its path relative to that part; the walker
 * prefixes the part's own path and reports it as a rejected entry.
 */
export class OtlpProblem extends Error {
  override readonly name = 'OtlpProblem';
  readonly path: string;
  readonly problem: string;

  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.path = path;
    this.problem = problem;
  }
}
