import type { FastifyBaseLogger } from 'fastify';

const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
type Level = (typeof levels)[number];

/** The levels `--log-level` takes: each prints itself and the levels after it; `silent` prints nothing. */
export const logLevels = [...levels, 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** A logger that writes one readable line per event to stderr, for people running `genchi serve`. */
export function createConsoleLogger(level: LogLevel): FastifyBaseLogger {
  const threshold = level === 'silent' ? levels.length : levels.indexOf(level);
  const write = (at: Level) => (first: unknown, second?: unknown) => {
    if (levels.indexOf(at) < threshold) return;
    const message = typeof first === 'string' ? first : typeof second === 'string' ? second : '';
    const context = typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : {};
    const error = context.err instanceof Error ? ` ${context.err.stack ?? context.err.message}` : '';
    process.stderr.write(`${new Date().toISOString()} ${at.padEnd(5)} ${message}${error}\n`);
  };
  const logger = {
    level,
    trace: write('trace'),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    fatal: write('fatal'),
    silent: () => undefined,
    // Fastify asks for a child per request; bindings are not printed, so the same logger serves.
    child: () => logger,
  };
  return logger as unknown as FastifyBaseLogger;
}
