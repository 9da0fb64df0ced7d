import type { SpanRecord } from '@genchi/core';
import type {
  ApiKeyInfo,
  ApiKeyScope,
  IngestItemStatus,
  MetricsQuery,
  MetricsRow,
  Page,
  Project,
  Score,
  ScoreInput,
  SpanQuery,
  SpanRow,
} from '@genchi/spec';

/** What became of one written record. */
export type WriteOutcome = Exclude<IngestItemStatus, 'rejected'>;

/** Spans: idempotent writes that merge by id, compact lists, whole spans and trees on detail. */
export interface TraceStore {
  /** Writes spans (merging into any stored span with the same id); resolves once they are durable. */
  writeSpans(projectId: string, spans: readonly SpanRecord[]): Promise<WriteOutcome[]>;
  /** One whole span with its bodies, or null. */
  getSpan(projectId: string, spanId: string): Promise<SpanRecord | null>;
  /** Every span of a trace, oldest first. */
  getTrace(projectId: string, traceId: string): Promise<SpanRecord[]>;
  /** Compact rows, newest first, one page at a time. */
  listSpans(projectId: string, query: SpanQuery): Promise<Page<SpanRow>>;
  /** Counts, error rates, latency percentiles, tokens and cost per bucket, task and model. */
  metrics(projectId: string, query: MetricsQuery): Promise<MetricsRow[]>;
}

/** Scores: idempotent writes by id, read per span. */
export interface ScoreStore {
  /** Writes scores (a score with a stored id replaces it); resolves once they are durable. */
  writeScores(projectId: string, scores: readonly ScoreInput[]): Promise<WriteOutcome[]>;
  /** The scores of a span, oldest first. */
  scoresOfSpan(projectId: string, spanId: string): Promise<Score[]>;
}

/** A verified API key: the project it belongs to and what it may do. */
export interface KeyGrant {
  keyId: string;
  project: Project;
  scopes: ApiKeyScope[];
}

/** Projects and their API keys (stored hashed). */
export interface ProjectStore {
  /** Creates a project; fails with StorageConflictError when the name is taken. */
  createProject(name: string): Promise<Project>;
  /** A project by name, or null. */
  projectByName(name: string): Promise<Project | null>;
  /** A project by id, or null. */
  projectById(id: string): Promise<Project | null>;
  /** Every project. */
  listProjects(): Promise<Project[]>;
  /** Stores a key by the hash of its secret; the secret itself is never stored. */
  createKey(projectId: string, key: { secretHash: string; prefix: string; name: string; scopes: ApiKeyScope[] }): Promise<ApiKeyInfo>;
  /** The grant of a key by the hash of its secret, or null when unknown or revoked. */
  grantOfKey(secretHash: string): Promise<KeyGrant | null>;
  /** The keys of a project, without secrets. */
  listKeys(projectId: string): Promise<ApiKeyInfo[]>;
  /** Revokes a key; true when it existed. */
  revokeKey(projectId: string, keyId: string): Promise<boolean>;
}

/** Every store of one backend, opened together. */
export interface Storage {
  projects: ProjectStore;
  traces: TraceStore;
  scores: ScoreStore;
  /** Flushes pending writes and closes the backend. */
  close(): Promise<void>;
}

/** A write refused because the backend is saturated: the caller should retry later. */
export class StorageBusyError extends Error {
  override readonly name = 'StorageBusyError';
  /** Seconds after which a retry is likely to succeed. */
  constructor(message: string, readonly retryAfterSeconds = 1) {
    super(message);
  }
}

/** A write refused because it conflicts with a stored record (a taken name, say). */
export class StorageConflictError extends Error {
  override readonly name = 'StorageConflictError';
}
