import type { FastifyInstance, FastifyRequest } from 'fastify';
import protobuf from 'protobufjs/light.js';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { HttpError } from '../http/http-error.js';
import { decodeOtlpProtobuf, mapOtlpTraces, OtlpDecodeError, OtlpShapeError } from '../otlp/index.js';

const isProtobuf = (request: FastifyRequest): boolean => /protobuf/i.test(String(request.headers['content-type'] ?? ''));
const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** ExportTraceServiceResponse as protobuf: empty on full success, else partial_success {rejected_spans, error_message}. */
function protobufResponse(rejectedSpans: number, errorMessage: string): Uint8Array {
  if (rejectedSpans === 0) return new Uint8Array(0);
  const partial = protobuf.Writer.create().uint32(8).int64(rejectedSpans).uint32(18).string(errorMessage).finish();
  return protobuf.Writer.create().uint32(10).bytes(partial).finish();
}

function decodeRequest(request: FastifyRequest): unknown {
  if (request.body === undefined) throw new HttpError(400, 'body: empty; expected an OTLP ExportTraceServiceRequest', 'invalid_request_error', 'body');
  if (!isProtobuf(request)) return request.body;
  try {
    return decodeOtlpProtobuf(request.body as Buffer);
  } catch (error) {
    if (error instanceof OtlpDecodeError) throw new HttpError(400, `body: ${error.message}`, 'invalid_request_error', 'body');
    throw error;
  }
}

/** Maps and validates a request and starts writing what passed; returns only the write and the problems. */
function ingestRequest(request: FastifyRequest, context: AppContext, projectId: string): { committed: Promise<unknown>; problems: string[] } {
  const payload = decodeRequest(request);
  let mapped: ReturnType<typeof mapOtlpTraces>;
  try {
    const defaultTask = header(request, 'x-genchi-task');
    const defaultEnvironment = header(request, 'x-genchi-environment');
    mapped = mapOtlpTraces(payload, { ...(defaultTask ? { defaultTask } : {}), ...(defaultEnvironment ? { defaultEnvironment } : {}) });
  } catch (error) {
    if (error instanceof OtlpShapeError) throw new HttpError(400, error.message, 'invalid_request_error', error.path);
    throw error;
  }
  // Mapped spans are valid by construction (see SpanDraft): no second validation pass.
  const problems = mapped.rejected.map((problem) => `${problem.path}: ${problem.message}`);
  return { committed: context.spans.write(projectId, mapped.spans), problems };
}

/** `POST /v1/traces`: OTLP/HTTP traces, JSON or protobuf, compressed or not, answered in the request's encoding. */
export function registerOtlpRoutes(app: FastifyInstance, context: AppContext): void {
  app.post('/v1/traces', { config: { scope: 'ingest' } }, async (request, reply) => {
    const { committed, problems } = ingestRequest(request, context, projectOf(request));
    // Neither the parsed request nor the mapped spans are held while the batch commits: otherwise every
    // request in flight keeps its whole tree alive through the young generation's collections.
    request.body = undefined;
    await committed;
    const errorMessage = problems.slice(0, 5).join('; ');
    if (isProtobuf(request)) return reply.type('application/x-protobuf').send(Buffer.from(protobufResponse(problems.length, errorMessage)));
    return problems.length === 0 ? {} : { partialSuccess: { rejectedSpans: problems.length, errorMessage } };
  });
}
