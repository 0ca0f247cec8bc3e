import type { EventView } from './events.ts';

export type ExportFormat = 'csv' | 'ndjson';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/** A CSV export's columns: each header and how a row's cell is written. */
export type CsvColumns<T> = ReadonlyArray<readonly [header: string, cell: (row: T) => string]>;

const EVENT_COLUMNS: CsvColumns<EventView> = [
  ['event_id', (e) => e.eventId],
  ['occurred_at', (e) => e.occurredAt],
  ['user_email', (e) => e.userEmail],
  ['team', (e) => e.team],
  ['tool', (e) => e.tool],
  ['url_host', (e) => e.urlHost],
  ['action', (e) => e.action],
  ['risk_level', (e) => e.riskLevel],
  ['match_count', (e) => String(e.matchCount)],
  ['detectors', (e) => e.detectors.join(';')],
  ['reasons', (e) => e.reasons.join(' | ')],
  ['prompt_snippet', (e) => e.promptSnippet],
];

/** Turns a stream of events into CSV (header first, RFC 4180 quoting) or NDJSON lines. */
export const formatEvents = (
  events: AsyncIterable<EventView>,
  format: ExportFormat,
): AsyncGenerator<string> => formatRows(events, format, EVENT_COLUMNS);

/** Turns a stream of rows into CSV with `columns` (header first) or NDJSON lines of the whole row. */
export async function* formatRows<T>(
  rows: AsyncIterable<T>,
  format: ExportFormat,
  columns: CsvColumns<T>,
): AsyncGenerator<string> {
  if (format === 'csv') {
    yield csvLine(columns.map(([header]) => header));
    for await (const row of rows) yield csvLine(columns.map(([, cell]) => cell(row)));
  } else {
    for await (const row of rows) yield `${JSON.stringify(row)}\n`;
  }
}

export function csvLine(cells: string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * Quotes when needed, and defuses spreadsheet formulas: snippets come from employees' prompts, so a
 * cell starting with = + - @ or a control character is prefixed with an apostrophe (OWASP).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** `kairro-events-20261122T103015Z.csv` */
export function exportFileName(format: ExportFormat, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `kairro-events-${stamp}.${format}`;
}
