import { createLogger, type LogLevel, type Logger } from '../../src/observability';

/** A server logger whose JSON lines are kept in `lines` (raw text) for tests to read. */
export function captureLogs(
  level: LogLevel = 'trace',
  lines: string[] = [],
): {
  logger: Logger;
  lines: string[];
  /** The lines parsed, in order. */
  entries(): Record<string, unknown>[];
} {
  const logger = createLogger(level, { write: (line: string) => void lines.push(line.trimEnd()) });
  return {
    logger,
    lines,
    entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
