import type { SpanStatus } from '@genchi/spec';
import { genchiEnvironments } from '@genchi/spec/values';
import type { EnvironmentCountsQuery, SpanDigest, SpanDigestQuery, TaskStatsQuery, TaskStatsRow } from '../span-analytics.js';
import type { SqliteDatabase } from './open-database.js';
import { recordKey } from './record-keys.js';
import { placeholders } from './sql-placeholders.js';

interface DigestRow {
  id: string;
  trace_id: string;
  task: string;
  start_time: number;
  status: string;
  latency_ms: number | null;
  ttft_ms: number | null;
  output_tokens: number | null;
  model: string | null;
  prompt_version: string | null;
}

const digestColumns = `s.id, s.trace_id, s.task, s.start_time, s.status, s.latency_ms, s.ttft_ms, s.output_tokens,
  coalesce(s.resolved_model, s.model) AS model, s.prompt_version`;

const toDigest = (row: DigestRow): SpanDigest => ({
  id: row.id,
  traceId: row.trace_id,
  task: row.task,
  startTime: row.start_time,
  status: row.status as SpanStatus,
  latencyMs: row.latency_ms,
  ttftMs: row.ttft_ms,
  outputTokens: row.output_tokens,
  model: row.model,
  promptVersion: row.prompt_version,
});

/** The condition on `column` that keeps the application's traffic: every environment but those genchi writes itself. */
export const applicationTraffic = (column: string) => ({ sql: `${column} NOT IN (${placeholders(genchiEnvironments.length)})`, parameters: genchiEnvironments });

/**
 * Conditions on spans `s` for a window and the optional task, environment and kind. Without an
 * environment they keep the application's traffic, unless `everyEnvironment` (counting them all).
 */
function windowConditions(project: number, query: Pick<SpanDigestQuery, 'from' | 'to' | 'task' | 'environment' | 'kind'>, everyEnvironment = false) {
  const sql = ['s.project = ?', 's.start_time >= ?', 's.start_time < ?'];
  const parameters: unknown[] = [project, query.from, query.to];
  for (const [column, value] of [['task', query.task], ['environment', query.environment], ['kind', query.kind]] as const) {
    if (value === undefined) continue;
    sql.push(`s.${column} = ?`);
    parameters.push(value);
  }
  if (query.environment === undefined && !everyEnvironment) {
    const traffic = applicationTraffic('s.environment');
    sql.push(traffic.sql);
    parameters.push(...traffic.parameters);
  }
  return { sql: sql.join(' AND '), parameters };
}

/**
 * The reads of sampling and the tasks overview over the spans table. Runs on the trace store's
 * connection, which has the `genchi_quantiles` aggregate registered.
 */
export class SpanAnalyticsQueries {
  constructor(private readonly database: SqliteDatabase) {}

  /** Digests of the spans in a window (of the ids given, when given), oldest first. */
  digests(project: number, query: SpanDigestQuery): SpanDigest[] {
    const filters = windowConditions(project, query);
    if (query.ids !== undefined) return this.digestsByIds(project, query.ids, filters).slice(0, query.limit);
    const index = query.task === undefined ? 'spans_by_time' : 'spans_by_task';
    return this.database
      .prepare<unknown[], DigestRow>(`SELECT ${digestColumns} FROM spans s INDEXED BY ${index} WHERE ${filters.sql} ORDER BY s.start_time, s.row LIMIT ?`)
      .all(...filters.parameters, query.limit)
      .map(toDigest);
  }

  private digestsByIds(project: number, ids: readonly string[], filters: { sql: string; parameters: unknown[] }): SpanDigest[] {
    const lookup = (table: string) => `SELECT s.row, ${digestColumns} FROM ${table} k CROSS JOIN spans s ON s.row = k.row WHERE k.key = ? AND s.id = ? AND ${filters.sql}`;
    const statement = this.database.prepare<unknown[], DigestRow & { row: number }>(`${lookup('recent_keys')} UNION ${lookup('record_keys')}`);
    const rows = this.database.transaction(() =>
      [...new Set(ids)].flatMap((id) => {
        const key = recordKey('spanId', project, id);
        return statement.all(key, id, ...filters.parameters, key, id, ...filters.parameters);
      }),
    )();
    return rows.sort((a, b) => a.start_time - b.start_time || a.row - b.row).map(toDigest);
  }

  /** Spans per environment (of one task, or all) over a window, busiest first. */
  environmentCounts(project: number, query: EnvironmentCountsQuery): Array<{ environment: string; count: number }> {
    const filters = windowConditions(project, query, true);
    const index = query.task === undefined ? 'spans_by_time' : 'spans_by_task';
    return this.database
      .prepare<unknown[], { environment: string; count: number }>(
        `SELECT s.environment AS environment, count(*) AS count FROM spans s INDEXED BY ${index} WHERE ${filters.sql} GROUP BY s.environment ORDER BY count DESC, environment`,
      )
      .all(...filters.parameters);
  }

  /** Figures per task (and bucket) over a window. */
  taskStats(project: number, query: TaskStatsQuery): TaskStatsRow[] {
    const filters = windowConditions(project, query);
    const bucket = query.bucketMs === null ? 'NULL' : 'cast(s.start_time / ? AS INTEGER) * ?';
    const bucketParameters = query.bucketMs === null ? [] : [query.bucketMs, query.bucketMs];
    const index = query.task === undefined ? 'spans_by_time' : 'spans_by_task';
    const rows = this.database
      .prepare<unknown[], Record<string, string | number | null>>(
        `SELECT s.task, ${bucket} AS bucket, count(*) AS count, sum(s.status = 'error') AS errors, genchi_quantiles(s.latency_ms) AS latency,
           genchi_quantiles(s.ttft_ms) AS ttft, coalesce(sum(s.input_tokens), 0) AS input_tokens, coalesce(sum(s.output_tokens), 0) AS output_tokens,
           coalesce(sum(s.cost_usd), 0) AS cost, count(s.cost_usd) AS priced
         FROM spans s INDEXED BY ${index} WHERE ${filters.sql} GROUP BY s.task, bucket ORDER BY s.task, bucket`,
      )
      .all(...bucketParameters, ...filters.parameters);
    return rows.map((row) => {
      const [latencyP50Ms, latencyP95Ms] = JSON.parse(String(row.latency)) as [number | null, number | null];
      const [ttftP50Ms] = JSON.parse(String(row.ttft)) as [number | null];
      return {
        task: String(row.task),
        bucketStart: row.bucket === null ? null : Number(row.bucket),
        count: Number(row.count),
        errorCount: Number(row.errors),
        latencyP50Ms,
        latencyP95Ms,
        ttftP50Ms,
        inputTokens: Number(row.input_tokens),
        outputTokens: Number(row.output_tokens),
        costUsd: Number(row.cost),
        pricedCount: Number(row.priced),
      };
    });
  }
}
