import { resolve } from 'node:path';
import { apiKeyValueSchema, projectNameSchema, summarizeZodError } from '@genchi/spec';
import { startGenchi, type InitialProject, type RunningGenchi } from '@genchi/server';
import { integerFlag, parseFlags, UsageError } from '../arguments.js';
import { createConsoleLogger, logLevels, type LogLevel } from '../console-logger.js';
import { loadConfig } from '../load-config.js';
import { resolveUpstreamKeys } from '../resolve-upstream-keys.js';
import { applyServerV8Flags } from '../server-v8-flags.js';
import { startFailure } from '../start-failure.js';

/** The headless first start's project and key, checked before anything starts (the key's value is never echoed). */
function initialProject(projectName: string, apiKey: string): InitialProject {
  const name = projectNameSchema.safeParse(projectName);
  if (!name.success) throw new UsageError(summarizeZodError(name.error, 'GENCHI_INIT_PROJECT'));
  const key = apiKeyValueSchema.safeParse(apiKey);
  if (!key.success) throw new UsageError(summarizeZodError(key.error, 'GENCHI_INIT_API_KEY'));
  return { projectName, apiKey };
}

/** `genchi serve`: starts genchi with the embedded store until SIGINT or SIGTERM. */
export async function serve(args: string[]): Promise<void> {
  const { values } = parseFlags(args, {
    data: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    config: { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
  });
  const { config, source } = loadConfig(values.config);
  const port = integerFlag('port', values.port, 0, 65_535);
  if (port !== undefined) config.server.port = port;
  if (values.host !== undefined) config.server.host = values.host;
  const dataDirectory = resolve(values.data ?? process.env.GENCHI_DATA_DIR ?? '.genchi');
  const level = values['log-level'] ?? 'info';
  if (!(logLevels as readonly string[]).includes(level)) throw new UsageError(`--log-level must be one of ${logLevels.join(', ')}`);
  const logger = createConsoleLogger(level as LogLevel);
  for (const warning of resolveUpstreamKeys(config, process.env)) logger.warn(warning);
  const { GENCHI_INIT_PROJECT: projectName, GENCHI_INIT_API_KEY: apiKey } = process.env;
  const init: InitialProject | undefined = projectName && apiKey ? initialProject(projectName, apiKey) : undefined;
  if (Boolean(projectName) !== Boolean(apiKey)) logger.warn('set both GENCHI_INIT_PROJECT and GENCHI_INIT_API_KEY, or neither; ignoring the one set');
  applyServerV8Flags();
  let genchi: RunningGenchi;
  try {
    genchi = await startGenchi({ config, dataDirectory, logger, ...(init ? { init } : {}) });
  } catch (error) {
    const { host, port } = config.server;
    throw startFailure(error, { host, port, dataDirectory }) ?? error;
  }
  // Printed whatever the log level: scripts and people wait for this line.
  process.stdout.write(`genchi listening on ${genchi.url} (embedded store in ${dataDirectory}${source ? `, config ${source}` : ''})\n`);
  // A one-time login credential for the web UI, not an API key: the person who started genchi opens it once.
  if (genchi.loginToken !== null) process.stdout.write(`open ${genchi.url}/login#${genchi.loginToken} to use the web UI (one-time link, valid 24 hours)\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: writing what is pending and stopping`);
    genchi.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
