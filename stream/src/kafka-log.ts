/**
 * kafkajs logs every reconnect and rebalance to stdout as JSON by default. Route only errors (or
 * warnings, when asked) to the platform's logger, as one short message plus fields.
 */
import kafkajs from 'kafkajs';
import type { LogEntry, logCreator } from 'kafkajs';
import type { StreamLogger } from './types.ts';

const { logLevel } = kafkajs;

/** Default sink: one line per kafkajs error on stderr. */
export const stderrLogger: StreamLogger = {
  warn: (message) => process.stderr.write(`${message}\n`),
  error: (message) => process.stderr.write(`${message}\n`),
};

export function kafkaLogCreator(logger: StreamLogger): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _name, ...fields } = log;
      const text = `kafkajs ${namespace}: ${message}`;
      if (level === logLevel.ERROR) logger.error(text, fields);
      else if (level === logLevel.WARN) logger.warn(text, fields);
    };
}
