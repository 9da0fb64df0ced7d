import { percentileOfSorted, toSpanRow, type SpanRecord } from '@genchi/core';
import type { MetricsQuery, MetricsRow, Page, SpanQuery, SpanRow } from '@genchi/spec';
import type { EnvironmentCountsQuery, SpanDigest, SpanDigestQuery, TaskStatsQuery, TaskStatsRow } from '../span-analytics.js';
import type { TraceStore, WriteOptions, WriteOutcome } from '../storage.js';
import type { SqliteDatabase } from './open-database.js';
import { applicationTraffic, SpanAnalyticsQueries } from './span-analytics-query.js';
import type { ProjectRows } from './project-rows.js';
import { recentBucketSql, recordKey } from './record-keys.js';
import { bodyColumns, rowsToSpan, spanToRows, type BodyRow, type CompactRow } from './span-columns.js';
import {
  compactSelect,
  decodeCursor,
  drivingKey,
  encodeCursor,
  spanConditions,
  timeBounds,
  type ListCursor,
} from './span-list-query.js';
import type { WriterClient } from './writer-client.js';

const bucketMilliseconds = { hour: 3_600_000, day: 86_400_000 } as const;

/** Spans in the embedded store: writes through the writer thread, reads on the request thread. */
export class SqliteTraceStore implements TraceStore {
  private readonly readBodies;
  private readonly liveBuckets;
  private readonly analytics: SpanAnalyticsQueries;

  constructor(private readonly database: SqliteDatabase, private readonly writer: WriterClient, private readonly projects: ProjectRows) {
    this.liveBuckets = database.prepare<[], { bucket: number }>('SELECT bucket FROM recent_key_buckets');
    this.readBodies = database.prepare<[number], BodyRow>(`SELECT ${bodyColumns.join(', ')} FROM span_bodies WHERE row = ?`);
    this.analytics = new SpanAnalyticsQueries(database);
    database.aggregate('genchi_quantiles', {
      start: () => [] as number[],
      step: (values: number[], value: unknown) => {
        if (typeof value === 'number') values.push(value);
        return values;
      },
      result: (values: number[]) => {
        values.sort((a, b) => a - b);
        return JSON.stringify([percentileOfSorted(values, 50), percentileOfSorted(values, 95)]);
      },
    });
  }

  async writeSpans(projectId: string, spans: readonly SpanRecord[], options: WriteOptions = {}): Promise<WriteOutcome[]> {
    const project = this.projects.rowOf(projectId);
    let bytes = 0;
    const rows = spans.map((span) => {
      const split = spanToRows(span);
      for (const body of split.bodies) bytes += body?.length ?? 0;
      bytes += 400;
      return split;
    });
    return this.writer.write('spans', project, rows, rows.length, bytes, options);
  }

  async getSpan(projectId: string, spanId: string): Promise<SpanRecord | null> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return null;
    const found = this.byKey(recordKey('spanId', project, spanId), 'AND s.project = ? AND s.id = ?', [project, spanId], 1)[0];
    return found ? rowsToSpan(found, this.readBodies.get(found.row) ?? null) : null;
  }

  async getTrace(projectId: string, traceId: string): Promise<SpanRecord[]> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return [];
    const rows = this.byKey(recordKey('traceId', project, traceId), 'AND s.project = ? AND s.trace_id = ?', [project, traceId], 100_000);
    return rows.map((row) => rowsToSpan(row, null)).sort((a, b) => a.startTime - b.startTime);
  }

  private byKey(key: number, filter: string, parameters: unknown[], limit: number): CompactRow[] {
    const sql = (table: string) =>
      `SELECT ${compactSelect} FROM ${table} k CROSS JOIN spans s ON s.row = k.row WHERE k.key = ? ${filter} ORDER BY k.time DESC, k.row DESC LIMIT ?`;
    return this.fromKeyTables(sql, [key, ...parameters, limit]);
  }

  /**
   * Runs a read against each live bucket of the recent keys and against record_keys, in one snapshot:
   * the writer moves keys from one to the other, and separate reads could see a key in both or in
   * neither. Each bucket is read on its own (one statement, the bucket its first parameter) so that
   * newest-first reads with a limit stay in index order.
   */
  private fromKeyTables(sql: (table: string) => string, parameters: readonly unknown[]): CompactRow[] {
    const inBucket = this.database.prepare(sql(recentBucketSql));
    const old = this.database.prepare(sql('record_keys'));
    return this.database.transaction(() => [
      ...this.liveBuckets.all().flatMap(({ bucket }) => inBucket.all(bucket, ...parameters) as CompactRow[]),
      ...(old.all(...parameters) as CompactRow[]),
    ])();
  }

  async listSpans(projectId: string, query: SpanQuery): Promise<Page<SpanRow>> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return { data: [], nextCursor: null };
    const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
    const key = drivingKey(project, query);
    const rows = key === null ? this.listByTime(project, query, cursor) : this.listByKey(key, project, query, cursor);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const more = rows.length > query.limit && last !== undefined;
    return {
      data: page.map((row) => toSpanRow(rowsToSpan(row, null))),
      nextCursor: more ? encodeCursor({ time: Number(last.start_time), row: last.row }) : null,
    };
  }

  private listByTime(project: number, query: SpanQuery, cursor: ListCursor | null): CompactRow[] {
    const filters = spanConditions(project, query);
    const bounds = timeBounds('s.start_time', 's.row', query, cursor);
    const index = query.task === undefined ? 'spans_by_time' : 'spans_by_task';
    const sql = `SELECT ${compactSelect} FROM spans s INDEXED BY ${index} WHERE ${[...filters.sql, ...bounds.sql].join(' AND ')}
      ORDER BY s.start_time DESC, s.row DESC LIMIT ?`;
    return this.database.prepare(sql).all(...filters.parameters, ...bounds.parameters, query.limit + 1) as CompactRow[];
  }

  private listByKey(key: number, project: number, query: SpanQuery, cursor: ListCursor | null): CompactRow[] {
    const filters = spanConditions(project, query);
    const bounds = timeBounds('k.time', 'k.row', query, cursor);
    const sql = (table: string) => `SELECT ${compactSelect} FROM ${table} k CROSS JOIN spans s ON s.row = k.row
      WHERE ${['k.key = ?', ...bounds.sql, ...filters.sql].join(' AND ')} ORDER BY k.time DESC, k.row DESC LIMIT ?`;
    const parameters = [key, ...bounds.parameters, ...filters.parameters, query.limit + 1];
    const merged = this.fromKeyTables(sql, parameters);
    return merged.sort((a, b) => Number(b.start_time) - Number(a.start_time) || b.row - a.row);
  }

  async metrics(projectId: string, query: MetricsQuery): Promise<MetricsRow[]> {
    const project = this.projects.findRowOf(projectId);
    if (project === null) return [];
    const size = bucketMilliseconds[query.bucket];
    const to = query.to ?? Date.now();
    const from = query.from ?? to - (query.bucket === 'hour' ? 24 : 30) * size;
    const conditions = ['project = ?', 'start_time >= ?', 'start_time <= ?'];
    const parameters: unknown[] = [project, from, to];
    for (const [column, value] of [['task', query.task], ['environment', query.environment], ['kind', query.kind]] as const) {
      if (value === undefined) continue;
      conditions.push(`${column} = ?`);
      parameters.push(value);
    }
    if (query.environment === undefined) {
      const traffic = applicationTraffic('environment');
      conditions.push(traffic.sql);
      parameters.push(...traffic.parameters);
    }
    if (query.model !== undefined) {
      conditions.push('coalesce(resolved_model, model) = ?');
      parameters.push(query.model);
    }
    const rows = this.database
      .prepare(
        `SELECT cast(start_time / ? AS INTEGER) AS bucket, task, coalesce(resolved_model, model) AS model_name, count(*) AS count,
           sum(status = 'error') AS errors, genchi_quantiles(latency_ms) AS latency, genchi_quantiles(ttft_ms) AS ttft,
           coalesce(sum(input_tokens), 0) AS input_tokens, coalesce(sum(output_tokens), 0) AS output_tokens, coalesce(sum(cost_usd), 0) AS cost,
           count(cost_usd) AS priced
         FROM spans INDEXED BY spans_by_time WHERE ${conditions.join(' AND ')} GROUP BY bucket, task, model_name ORDER BY bucket, task, model_name`,
      )
      .all(size, ...parameters) as Array<Record<string, number | string | null>>;
    return rows.map((row) => {
      const [latencyP50, latencyP95] = JSON.parse(String(row.latency)) as [number | null, number | null];
      const [ttftP50] = JSON.parse(String(row.ttft)) as [number | null];
      const count = Number(row.count);
      return {
        bucketStart: new Date(Number(row.bucket) * size).toISOString(),
        task: String(row.task),
        model: row.model_name === null ? null : String(row.model_name),
        count,
        errorCount: Number(row.errors),
        errorRate: count === 0 ? 0 : Number(row.errors) / count,
        latencyP50Ms: latencyP50,
        latencyP95Ms: latencyP95,
        ttftP50Ms: ttftP50,
        inputTokens: Number(row.input_tokens),
        outputTokens: Number(row.output_tokens),
        costUsd: Number(row.cost),
        pricedCount: Number(row.priced),
      };
    });
  }

  async spanDigests(projectId: string, query: SpanDigestQuery): Promise<SpanDigest[]> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? [] : this.analytics.digests(project, query);
  }

  async environmentCounts(projectId: string, query: EnvironmentCountsQuery): Promise<Array<{ environment: string; count: number }>> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? [] : this.analytics.environmentCounts(project, query);
  }

  async taskStats(projectId: string, query: TaskStatsQuery): Promise<TaskStatsRow[]> {
    const project = this.projects.findRowOf(projectId);
    return project === null ? [] : this.analytics.taskStats(project, query);
  }
}
