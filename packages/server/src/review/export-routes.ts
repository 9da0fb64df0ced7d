import { reviewItemQuerySchema, type FailureModeVersion, type ReviewExportLine, type ReviewItem } from '@genchi/spec';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { parseInput } from '../http/parse-input.js';

const exportQuerySchema = reviewItemQuerySchema.omit({ limit: true, cursor: true }).extend({ status: reviewItemQuerySchema.shape.status.unwrap().default('reviewed') });

/**
 * `GET /v1/review/export`: reviewed items (by default) with verdicts, failure modes as graded
 * (name, version and that version's definition), notes and corrections, and the span's input and
 * output, as JSON Lines.
 */
export function registerExportRoutes(app: FastifyInstance, context: AppContext): void {
  const { review, traces } = context.storage;

  app.get('/v1/review/export', { config: { scope: 'read' } }, async (request, reply) => {
    const query = parseInput(exportQuerySchema, request.query, 'query');
    const projectId = projectOf(request);
    const versions = new Map<string, FailureModeVersion[]>();
    const definition = async (id: string, version: number): Promise<string> => {
      if (!versions.has(id)) versions.set(id, await review.failureModeVersions(projectId, id));
      return versions.get(id)?.find((entry) => entry.version === version)?.definition ?? '';
    };
    const lineOf = async (item: ReviewItem): Promise<ReviewExportLine> => {
      const span = await traces.getSpan(projectId, item.spanId);
      return {
        itemId: item.id, task: item.task, spanId: item.spanId, traceId: item.traceId, day: item.day, stratum: item.stratum, verdict: item.verdict,
        failureModes: await Promise.all(item.failureModes.map(async (mode) => ({ id: mode.id, name: mode.name, version: mode.version, definition: await definition(mode.id, mode.version) }))),
        note: item.note, correctedOutput: item.correctedOutput, reviewedBy: item.reviewedBy, reviewedAt: item.reviewedAt,
        input: span?.input ?? null, output: span?.output ?? null, model: span === null ? item.span.model : (span.resolvedModel ?? span.model),
      };
    };
    const lines: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await review.listItems(projectId, { ...query, limit: 500, ...(cursor === undefined ? {} : { cursor }) });
      for (const item of page.data) lines.push(JSON.stringify(await lineOf(item)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    const name = `genchi-review-${query.task ?? 'all'}.jsonl`.replace(/[^\w.-]/g, '_');
    return reply
      .header('content-type', 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  });
}
