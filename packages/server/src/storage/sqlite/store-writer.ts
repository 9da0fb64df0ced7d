import { PriceBook, type DeriveContext } from '@genchi/core/writing';
import type { EventInput, FeedbackInput, ModelPrice, ScoreInput } from '@genchi/spec';
import type { TaskModelState, WriteOutcome } from '../storage.js';
import { FeedbackWriter } from './feedback-writer.js';
import { GatewayRecordWriter } from './gateway-record-writer.js';
import type { SqliteDatabase } from './open-database.js';
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
  /** Keys held in recent_keys before they are moved to record_keys. */
  recentKeyLimit: number;
  /** Keys moved per transaction, so that no move stalls writes for long. */
  keyMoveChunk: number;
}

/** The single writer of the embedded store: group commits and key moves. */
export class StoreWriter {
  private readonly writers: RecordWriters;
  private readonly prices: PriceBook;
  private recentKeys: number;

  constructor(private readonly database: SqliteDatabase, private readonly options: StoreWriterOptions) {
    this.prices = new PriceBook(options.prices);
    const counted = () => void this.recentKeys++;
    const context = (): DeriveContext => ({ prices: this.prices, now: Date.now() });
    const scores = new ScoreWriter(database, counted);
    const touchKey = database.prepare('UPDATE api_keys SET last_used_at = max(coalesce(last_used_at, 0), ?) WHERE id = ?');
    this.writers = {
      spans: new SpanWriter(database, context, counted),
      scores,
      feedback: new FeedbackWriter(database, scores, counted),
      gateway: new GatewayRecordWriter(database),
      keyUsage: (usage) => usage.map((entry) => (touchKey.run(entry.at, entry.keyId).changes > 0 ? 'merged' : 'created')),
    };
    this.recentKeys = (database.prepare('SELECT count(*) AS count FROM recent_keys').get() as { count: number }).count;
  }

  /** Writes a group of requests in one transaction; if it fails, each request is tried alone so one bad write fails only itself. */
  writeGroup(requests: readonly WriteRequest[]): WriteReply[] {
    const now = Date.now();
    const before = this.recentKeys;
    try {
      return this.database.transaction(() => requests.map((request) => this.apply(request, now))).immediate();
    } catch {
      this.recentKeys = before;
      return requests.map((request) => {
        const single = this.recentKeys;
        try {
          return this.database.transaction(() => this.apply(request, now)).immediate();
        } catch (error) {
          this.recentKeys = single;
          return { id: request.id, error: error instanceof Error ? error.message : String(error) };
        }
      });
    }
  }

  private apply(request: WriteRequest, now: number): WriteReply {
    return { id: request.id, outcomes: writeKinds[request.kind](this.writers, request.project, request.payload, now) };
  }

  /** Whether enough keys wait in recent_keys to move a chunk. */
  get keysToMove(): boolean {
    return this.recentKeys >= this.options.recentKeyLimit;
  }

  /** Moves the lowest keys of recent_keys, in key order, into record_keys; returns how many moved. */
  moveKeys(all = false): number {
    return this.database.transaction(() => {
      const pivot = all
        ? undefined
        : (this.database.prepare('SELECT key FROM recent_keys ORDER BY key LIMIT 1 OFFSET ?').get(this.options.keyMoveChunk) as
            | { key: number }
            | undefined);
      const where = pivot ? 'WHERE key < ?' : '';
      const parameters = pivot ? [pivot.key] : [];
      this.database.prepare(`INSERT OR IGNORE INTO record_keys SELECT key, time, row FROM recent_keys ${where}`).run(...parameters);
      const moved = this.database.prepare(`DELETE FROM recent_keys ${where}`).run(...parameters).changes;
      this.recentKeys -= moved;
      return moved;
    }).immediate();
  }
}
