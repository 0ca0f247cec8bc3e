const ELLIPSIS = '…';

/**
 * Shortens text to at most `max` UTF-16 code units including the trailing ellipsis (stored snippet
 * columns are sized in JS string length). Never ends on half of a surrogate pair, which would be
 * an invalid string for JSON and ClickHouse.
 */
export function truncate(text: string, max = 256): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let cut = max - ELLIPSIS.length;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return text.slice(0, cut) + ELLIPSIS;
}
