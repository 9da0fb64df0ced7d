import { randomUUID } from 'node:crypto';
import { feedbackPostBodySchema, type FeedbackPostResponse } from '@genchi/spec';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { projectOf } from '../http/authenticate.js';
import { registerPreflight } from '../http/cors.js';
import { overloaded } from '../http/http-error.js';
import { parseInput } from '../http/parse-input.js';

/**
 * `POST /v1/feedback`: one feedback event (explicit or implicit) on a span, with an `ingest` key.
 * Browser-safe: pages of `server.corsOrigins` may call it with a public (ingest-only) key.
 */
export function registerFeedbackRoutes(app: FastifyInstance, context: AppContext): void {
  registerPreflight(app, context, '/v1/feedback', ['POST']);

  app.post('/v1/feedback', { config: { scope: 'ingest', cors: true } }, async (request, reply) => {
    const projectId = projectOf(request);
    const body = parseInput(feedbackPostBodySchema, request.body, 'body');
    const event = { ...body, id: body.id ?? `fb_${randomUUID()}` };
    const [status] = await context.storage.feedback.writeFeedback(projectId, [event]);
    const stored = await context.storage.feedback.getFeedback(projectId, event.id);
    if (stored === null || status === undefined) throw overloaded('the feedback was not readable after its write; retry', 1);
    const response: FeedbackPostResponse = { id: stored.id, status, labelStrength: stored.labelStrength, label: stored.label };
    return reply.code(status === 'created' ? 201 : 200).send(response);
  });
}
