import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { bearerKeyReader, registerAuthentication, type CredentialReader } from './authenticate.js';
import { registerBodyParsers } from './body-parsers.js';
import { registerErrorHandlers } from './error-handler.js';
import { routeModules } from './route-modules.js';

/** Options of the HTTP app besides its context. */
export interface BuildAppOptions {
  /** Where the server logs; silent when absent. */
  logger?: FastifyBaseLogger;
  /** More ways to authenticate, tried after the bearer key (a session cookie, say). */
  credentialReaders?: readonly CredentialReader[];
}

/** Builds genchi's HTTP app (not listening): body parsing, errors, authentication and every route module. */
export function buildApp(context: AppContext, options: BuildAppOptions = {}): FastifyInstance {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: context.config.server.bodyLimitBytes,
    // One line per request costs more than it tells at thousands of requests a second; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    keepAliveTimeout: 65_000,
    forceCloseConnections: true,
  });
  registerBodyParsers(app, context.config.server.bodyLimitBytes);
  registerErrorHandlers(app, { bodyLimitBytes: context.config.server.bodyLimitBytes });
  registerAuthentication(app, [bearerKeyReader(context.keys), ...(options.credentialReaders ?? [])]);
  for (const register of routeModules) register(app, context);
  return app;
}
