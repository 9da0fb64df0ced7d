import { ingestEnvelopeSchema, ingestItemHeadSchema, summarizeZodError, type IngestResponse } from '@genchi/spec';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { HttpError } from '../http/http-error.js';
import { parseInput } from '../http/parse-input.js';
import { ingestKinds } from './ingest-kinds.js';

type Result = IngestResponse['results'][number];

/** Checks each item of a batch on its own; returns the per-item results and the accepted bodies grouped by kind. */
function checkItems(batch: readonly unknown[]) {
  const results: Result[] = [];
  const groups = new Map<string, { indexes: number[]; bodies: Array<{ id: string }> }>();
  batch.forEach((item, index) => {
    const head = ingestItemHeadSchema.safeParse(item);
    if (!head.success) {
      results.push({ index, type: 'unknown', id: null, status: 'rejected', error: summarizeZodError(head.error, `batch[${index}]`) });
      return;
    }
    const kind = ingestKinds[head.data.type];
    const id = typeof head.data.body.id === 'string' ? head.data.body.id : null;
    if (!kind) {
      const known = Object.keys(ingestKinds).join(', ');
      results.push({ index, type: head.data.type, id, status: 'rejected', error: `batch[${index}].type: unknown type ${head.data.type}; expected one of ${known}` });
      return;
    }
    const body = kind.schema.safeParse(head.data.body);
    if (!body.success) {
      results.push({ index, type: head.data.type, id, status: 'rejected', error: summarizeZodError(body.error, `batch[${index}].body`) });
      return;
    }
    const group = groups.get(head.data.type) ?? { indexes: [], bodies: [] };
    group.indexes.push(index);
    group.bodies.push(body.data);
    groups.set(head.data.type, group);
    results.push({ index, type: head.data.type, id: body.data.id, status: 'created' });
  });
  return { results, groups };
}

/** `POST /v1/ingest`: the native batch. Valid items are written (each wholly or not at all); invalid ones are named. */
export function registerIngestRoutes(app: FastifyInstance, context: AppContext): void {
  app.post('/v1/ingest', { config: { scope: 'ingest' } }, async (request, reply) => {
    const projectId = projectOf(request);
    const envelope = parseInput(ingestEnvelopeSchema, request.body, 'body');
    const { results, groups } = checkItems(envelope.batch);
    request.body = undefined; // not held while the batch commits
    await Promise.all(
      [...groups].map(async ([type, group]) => {
        const outcomes = await (ingestKinds[type] as (typeof ingestKinds)[string]).write(context, projectId, group.bodies);
        group.indexes.forEach((index, position) => ((results[index] as Result).status = outcomes[position] ?? 'created'));
      }),
    );
    const rejected = results.filter((result) => result.status === 'rejected').length;
    const response: IngestResponse = { accepted: results.length - rejected, rejected, results };
    if (rejected === results.length) {
      const error = new HttpError(400, `no item was accepted: ${results[0]?.error ?? 'empty batch'}`, 'invalid_request_error', 'batch');
      return reply.code(400).send({ ...error.body(), ...response });
    }
    return reply.code(rejected === 0 ? 200 : 207).send(response);
  });
}
