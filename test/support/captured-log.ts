import pino, { type Logger } from 'pino';

/** A pino logger whose lines are kept in memory, parsed, for tests to read. */
export function capturedLogger(): { logger: Logger; lines: Record<string, any>[]; text(): string } {
  const raw: string[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void raw.push(s) });
  return {
    logger,
    get lines() {
      return raw.map((l) => JSON.parse(l) as Record<string, any>);
    },
    text: () => raw.join(''),
  };
}
