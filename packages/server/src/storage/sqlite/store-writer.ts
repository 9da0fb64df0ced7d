import { PriceBook, type DeriveContext } from '@genchi/core/writing';
import type { EventInput, FeedbackInput, ModelPrice, ScoreInput } from '@genchi/spec';
import type { TaskModelState, WriteOutcome } from '../storage.js';
import { FeedbackWriter } from './feedback-writer.js';
import { GatewayRecordWriter } from './gateway-record-writer.js';
import type { SqliteDatabase } from './open-database.js';
import { RecentKeys } from './recent-keys.js';
import { ScoreWriter } from './score-writer.js';
import type { SpanRows } from './span-columns.js';
import { SpanWriter } from './span-writer.js';

/** The writers of the append-heavy records, one per kind. */
/** When an API key was last used (written now and then, off the request thread). */
export interface KeyUsage {
  keyId: string;
  at: number;
}

export interface RecordWriters {
  spans: SpanWriter;
  scores: ScoreWriter;
  feedback: FeedbackWriter;
  gateway: GatewayRecordWriter;
  keyUsage: (usage: readonly KeyUsage[]) => WriteOutcome[];
}

/** How each kind of write request is carried out; a new append-heavy record adds an entry. */
export const writeKinds = {
  spans: (writers: RecordWriters, project: number, payload: unknown) => writers.spans.write(project, payload as SpanRows[]),
  scores: (writers: RecordWriters, project: number, payload: unknown, now: number) =>
    writers.scores.write(project, payload as ScoreInput[], now),
  feedback: (writers: RecordWriters, project: number, payload: unknown, now: number) =>
    writers.feedback.write(project, payload as FeedbackInput[], now),
  events: (writers: RecordWriters, project: number, payload: unknown) => writers.gateway.writeEvents(project, payload as EventInput[]),
  taskModels: (writers: RecordWriters, project: number, payload: unknown) => writers.gateway.putTaskModels(project, payload as TaskModelState[]),
  keyUsage: (writers: RecordWriters, _project: number, payload: unknown) => writers.keyUsage(payload as KeyUsage[]),
} satisfies Record<string, (writers: RecordWriters, project: number, payload: unknown, now: number) => WriteOutcome[]>;
export type WriteKind = keyof typeof writeKinds;

/** One write sent to the writer thread. */
export interface WriteRequest {
  id: number;
  kind: WriteKind;
  project: number;
  payload: unknown;
  /** How many records the payload holds (for group-commit sizing). */
  count: number;
  /** Nobody waits on it: it may wait for the background commit window (see WriteOptions). */
  background: boolean;
}

/** The writer thread's answer to one request. */
export type WriteReply = { id: number; outcomes: WriteOutcome[] } | { id: number; error: string };

/** Settings of the writer. */
export interface StoreWriterOptions {
  prices: Readonly<Record<string, ModelPrice>>;
  /** Keys held in full recent-key buckets before they are moved to record_keys. */
  recentKeyLimit: number;
  /** Keys moved per transaction, so that no move stalls writes for long. */
  keyMoveChunk: number;
}

/** The single writer of the embedded store: group commits and key moves. */
export class StoreWriter {
  private readonly writers: RecordWriters;
  private readonly prices: PriceBook;
  private readonly keys: RecentKeys;

  constructor(private readonly database: SqliteDatabase, options: StoreWriterOptions) {
    this.prices = new PriceBook(options.prices);
    this.keys = new RecentKeys(database, options);
    const context = (): DeriveContext => ({ prices: this.prices, now: Date.now() });
    const scores = new ScoreWriter(database, this.keys);
    const touchKey = database.prepare('UPDATE api_keys SET last_used_at = max(coalesce(last_used_at, 0), ?) WHERE id = ?');
    this.writers = {
      spans: new SpanWriter(database, context, this.keys),
      scores,
      feedback: new FeedbackWriter(database, scores, this.keys),
      gateway: new GatewayRecordWriter(database),
      keyUsage: (usage) => usage.map((entry) => (touchKey.run(entry.at, entry.keyId).changes > 0 ? 'merged' : 'created')),
    };
  }

  /** Writes a group of requests in one transaction; if it fails, each request is tried alone so one bad write fails only itself. */
  writeGroup(requests: readonly WriteRequest[]): WriteReply[] {
    const now = Date.now();
    const before = this.keys.counts();
    try {
      return this.database.transaction(() => {
        this.keys.startBucketWhenFull();
        return requests.map((request) => this.apply(request, now));
      }).immediate();
    } catch {
      this.keys.restore(before);
      return requests.map((request) => {
        const single = this.keys.counts();
        try {
          return this.database.transaction(() => this.apply(request, now)).immediate();
        } catch (error) {
          this.keys.restore(single);
          return { id: request.id, error: error instanceof Error ? error.message : String(error) };
        }
      });
    }
  }

  private apply(request: WriteRequest, now: number): WriteReply {
    const outcomes = writeKinds[request.kind](this.writers, request.project, request.payload, now);
    this.keys.flush();
    return { id: request.id, outcomes };
  }

  /** Whether recent keys wait to be moved. */
  get keysToMove(): boolean {
    return this.keys.keysToMove;
  }

  /** Moves one key range of the full recent-key buckets into record_keys; returns how many moved. */
  moveKeys(): number {
    return this.keys.moveKeys();
  }
}
