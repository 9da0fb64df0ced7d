/**
 * The metadata the gateway puts on each call's span: what it did with the call. The web app reads the
 * routing fields (`requestedModel`, `pinnedModel`, `variant`) back for the span's model fact. (A type,
 * not an interface, so that it is assignable to a span's `metadata`.)
 */
export type GatewaySpanMetadata = {
  via: 'gateway';
  /** The status the upstream answered (or genchi's 502/504). */
  upstreamStatus: number;
  /** The model the caller named, when the gateway sent another (a pin or a variant). */
  requestedModel?: string;
  /** The task's pinned model, when a pin decided the model. */
  pinnedModel?: string;
  /** The A/B variant of the call, and what made it sticky. */
  variant?: string;
  variantStickyBy?: 'user' | 'session' | 'random';
  /** True when genchi added `stream_options.include_usage` to a streamed call. */
  usageInjected?: true;
  /** The primary span a shadow call mirrors. */
  shadowOf?: string;
  /** Upstream attempts, when genchi retried. */
  attempts?: number;
  outputTruncated?: true;
  streamIncomplete?: true;
  finishReason?: string;
};

/** Counters of the gateway since the server started, as `GET /v1/gateway/stats` returns them. */
export interface GatewayStats {
  since: string;
  calls: {
    /** Calls answered, whatever the answer. */
    total: number;
    /** Calls refused by genchi before anything was sent upstream (bad body, unknown model, missing key). */
    refused: number;
    /** Calls the upstream answered with an error status. */
    upstreamErrors: number;
    /** Calls the upstream could not be reached for, or that timed out. */
    upstreamFailures: number;
    /** Calls the client left before the answer was complete. */
    cancelled: number;
    /** genchi's own retries of upstream calls. */
    retries: number;
  };
  /** Spans on their way to the store. */
  log: {
    /** Spans handed to the buffer. */
    accepted: number;
    /** Spans the store acknowledged. */
    written: number;
    /** Spans waiting in the buffer. */
    buffered: number;
    /** Spans in batches the store has not answered yet. */
    inFlight: number;
    /** Spans dropped because the buffer was full (the store slow, full or down). */
    droppedBufferFull: number;
    /** Spans dropped after the store refused their batch too many times. */
    droppedWriteFailed: number;
    /** Spans that could not be built from the exchange (a genchi bug; the call itself was unaffected). */
    droppedBuildFailed: number;
    /** Times a batch was refused and kept for a retry. */
    writeRetries: number;
    lastError: string | null;
  };
  shadow: {
    /** Requests drawn for a shadow call. */
    drawn: number;
    started: number;
    completed: number;
    failed: number;
    /** Shadow calls dropped because the concurrency limit and its queue were full. */
    dropped: number;
    running: number;
    queued: number;
  };
  /** Model observations that could not be recorded (the store busy); the calls were unaffected. */
  trackingErrors: number;
}

/** One model a task's traffic was answered by, as `GET /v1/gateway/tasks` lists it. */
export interface TaskModelView {
  provider: string;
  /** The model genchi sent (after pinning or a variant). */
  requestedModel: string;
  /** The version the provider last answered with. */
  resolvedModel: string;
  /** The version answered before the last change, if any. */
  previousModel: string | null;
  /** True when the requested name has no date or version (a floating alias the provider may move). */
  floating: boolean;
  firstSeen: string;
  lastSeen: string;
  changedAt: string | null;
}

/** A task as the gateway sees it: its configuration and the models its traffic met. */
export interface GatewayTaskView {
  task: string;
  /** The kind of call its pin and variants choose a model for (null for a task only seen in traffic). */
  calls: 'llm' | 'embedding' | null;
  pinnedModel: string | null;
  shadow: Array<{ model: string; share: number }>;
  variants: Array<{ name: string; model: string; weight: number; promptVersion: string | null }>;
  models: TaskModelView[];
  /** True when some of its traffic goes to a floating alias. */
  floating: boolean;
}
