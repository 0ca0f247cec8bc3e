import { ApiError } from '@kairro/http';
import { SQL_LIMITS } from './settings.ts';

/** ClickHouse error codes of a query that hit one of the workbench limits. */
const LIMIT_CODES = new Map<number, string>([
  [
    158,
    `The query would read more than ${SQL_LIMITS.maxRowsToRead.toLocaleString('en')} rows; filter on occurred_at or org-level aggregates.`,
  ],
  [
    241,
    `The query needed more than ${SQL_LIMITS.maxMemoryBytes / 1024 / 1024} MiB of memory; aggregate more or select fewer columns.`,
  ],
  [307, 'The query would read too many bytes.'],
  [
    396,
    `The result is larger than ${SQL_LIMITS.maxResultBytes / 1024 / 1024} MiB; select fewer columns or rows.`,
  ],
]);
const TIMEOUT_CODES = new Set([159, 160, 394]); // TIMEOUT_EXCEEDED, TOO_SLOW, QUERY_WAS_CANCELLED

/**
 * Maps an error from running the caller's SQL to the envelope. Every ClickHouse error (it carries a
 * numeric `code`; chDB errors are not `instanceof ClickHouseError`) is about the caller's query, so
 * it is a 4xx with ClickHouse's message minus the echoed query; anything else stays a 500.
 */
export function toApiError(err: unknown): unknown {
  if (err instanceof ApiError) return err;
  const code = Number((err as { code?: unknown } | undefined)?.code);
  if (!Number.isInteger(code) || code <= 0) return err;
  if (TIMEOUT_CODES.has(code))
    return new ApiError(
      'QUERY_TIMEOUT',
      `The query ran longer than ${SQL_LIMITS.maxExecutionSeconds} s and was stopped.`,
    );
  const limit = LIMIT_CODES.get(code);
  if (limit) return new ApiError('QUERY_LIMIT_EXCEEDED', limit);
  return new ApiError('INVALID_SQL', cleanMessage(err instanceof Error ? err.message : String(err)));
}

function cleanMessage(message: string): string {
  const cut = message.replace(/[:.]?\s*In scope [\s\S]*$/, '').trim();
  return (cut || message).slice(0, 1_000);
}
