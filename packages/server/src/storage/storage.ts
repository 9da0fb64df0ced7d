import type { SpanRecord } from '@genchi/core';
import type {
  ApiKeyInfo,
  ApiKeyScope,
  EventInput,
  EventQuery,
  GenchiEvent,
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
import type { FeedbackStore } from './feedback-store.js';
import type { CheckStore } from './check-store.js';
import type { JobStore } from './job-store.js';
import type { ReviewStore } from './review-store.js';
import type { SessionStore } from './session-store.js';
import type { EnvironmentCountsQuery, ScoreWindowQuery, SpanDigest, SpanDigestQuery, TaskStatsQuery, TaskStatsRow } from './span-analytics.js';

/**
 * How a write may be handled. `background`: nobody is waiting to be told it is durable (the gateway's
 * log of calls already answered), so the store may hold it a while to share one commit with others;
 * it still resolves only once durable.
 */
export interface WriteOptions {
  background?: boolean;
}

/** What became of one written record. */
export type WriteOutcome = Exclude<IngestItemStatus, 'rejected'>;

/** Spans: idempotent writes that merge by id, compact lists, whole spans and trees on detail. */
export interface TraceStore {
  /** Writes spans (merging into any stored span with the same id); resolves once they are durable. */
  writeSpans(projectId: string, spans: readonly SpanRecord[], options?: WriteOptions): Promise<WriteOutcome[]>;
  /** One whole span with its bodies, or null. */
  getSpan(projectId: string, spanId: string): Promise<SpanRecord | null>;
  /** Every span of a trace, oldest first. */
  getTrace(projectId: string, traceId: string): Promise<SpanRecord[]>;
  /** Compact rows, newest first, one page at a time. */
  listSpans(projectId: string, query: SpanQuery): Promise<Page<SpanRow>>;
  /**
   * Counts, error rates, latency percentiles, tokens and cost per bucket, task and model: of one
   * environment when the query names one, else of the application's traffic (every environment but
   * `genchiEnvironments`, the spans genchi writes itself).
   */
  metrics(projectId: string, query: MetricsQuery): Promise<MetricsRow[]>;
  /** The few fields sampling and charts need of the spans in a window, oldest first (environment as in `metrics`). */
  spanDigests(projectId: string, query: SpanDigestQuery): Promise<SpanDigest[]>;
  /** Counts, latency percentiles, tokens and cost per task (and bucket, when asked; environment as in `metrics`). */
  taskStats(projectId: string, query: TaskStatsQuery): Promise<TaskStatsRow[]>;
  /** How many spans (of a task, or of all) each environment holds in a window, busiest first. */
  environmentCounts(projectId: string, query: EnvironmentCountsQuery): Promise<Array<{ environment: string; count: number }>>;
}

/** Scores: idempotent writes by id, read per span. */
export interface ScoreStore {
  /** Writes scores (a score with a stored id replaces it); resolves once they are durable. */
  writeScores(projectId: string, scores: readonly ScoreInput[]): Promise<WriteOutcome[]>;
  /** The scores of a span, oldest first. */
  scoresOfSpan(projectId: string, spanId: string): Promise<Score[]>;
  /** Scores created in a window (of one source, when named), oldest first. */
  listScores(projectId: string, query: ScoreWindowQuery): Promise<Score[]>;
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

/** Events genchi noticed (a provider changed a model, say): idempotent by id, listed newest first. */
export interface EventStore {
  /** Records an event; an id already stored keeps its first record and answers 'merged'. */
  recordEvent(projectId: string, event: EventInput): Promise<WriteOutcome>;
  /** Events newest first, one page at a time. */
  listEvents(projectId: string, query: EventQuery): Promise<Page<GenchiEvent>>;
}

/** What answered last for one task, provider and requested model in the gateway's traffic. */
export interface TaskModelState {
  task: string;
  provider: string;
  requestedModel: string;
  resolvedModel: string;
  previousModel: string | null;
  /** True when the requested name has no date or version. */
  floating: boolean;
  /** Epoch milliseconds. */
  firstSeen: number;
  lastSeen: number;
  changedAt: number | null;
}

/** The models each task's gateway traffic met, one row per task, provider and requested model. */
export interface TaskModelStore {
  /** The state of one task, provider and requested model, or null before its first call. */
  getTaskModel(projectId: string, key: Pick<TaskModelState, 'task' | 'provider' | 'requestedModel'>): Promise<TaskModelState | null>;
  /** Creates or replaces the state of its task, provider and requested model. */
  putTaskModel(projectId: string, state: TaskModelState): Promise<void>;
  /** Every state of a project (or of one task), by task, provider and requested model. */
  listTaskModels(projectId: string, task?: string): Promise<TaskModelState[]>;
}

/** Every store of one backend, opened together. */
export interface Storage {
  projects: ProjectStore;
  traces: TraceStore;
  scores: ScoreStore;
  review: ReviewStore;
  jobs: JobStore;
  sessions: SessionStore;
  events: EventStore;
  taskModels: TaskModelStore;
  feedback: FeedbackStore;
  checks: CheckStore;
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
