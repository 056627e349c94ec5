import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** The levels LOG_LEVEL accepts, quietest last. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** LOG_LEVEL (default info); anything else stops the start-up, naming the accepted levels. */
export function readLogLevel(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const raw = env.LOG_LEVEL?.trim().toLowerCase();
  if (!raw) return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw))
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${raw}".`);
  return raw as LogLevel;
}

/**
 * One JSON object per line on stdout (or `destination`). Nothing here logs headers, bodies,
 * variables or error messages (see log.ts); the redaction is a second line of defence should a
 * future call pass such an object by mistake.
 */
export function createLogger(level: LogLevel = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'serialgraph-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: {
      paths: ['authorization', '*.authorization', 'headers', '*.headers', 'variables', '*.variables'],
      remove: true,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

let processLogger: Logger | undefined;

/** The process's logger for work outside a request (start-up, shutdown); LOG_LEVEL from the environment. */
export function processLog(): Logger {
  processLogger ??= createLogger(readLogLevel());
  return processLogger;
}
