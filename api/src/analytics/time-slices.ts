// The time slices an event list probes, newest first, so that a page of the latest events reads
// the last hour of `events` rather than the whole range (see listEvents).

const HOUR = 3_600_000;
/** How far back from the newest end each probe reaches; the last one takes the rest. */
const SLICE_REACH = [HOUR, 24 * HOUR, 7 * 24 * HOUR, 30 * 24 * HOUR];

/**
 * The `from`/`to` of each slice of the range, newest first. The newest end is the cursor's time,
 * else `to`, else now; the first slice keeps the range's own upper end (events dated after now
 * included), the last one its lower end (possibly none).
 */
export function* timeSlices(
  range: { from?: Date | undefined; to?: Date | undefined },
  cursorAt: Date | undefined,
  now: Date,
): Generator<{ from: string | undefined; to: string | undefined }> {
  const newest = Math.min(cursorAt?.getTime() ?? Infinity, range.to?.getTime() ?? Infinity);
  const end = Number.isFinite(newest) ? newest : now.getTime();
  const from = range.from?.getTime() ?? -Infinity;
  let upper = range.to?.getTime();
  for (const reach of [...SLICE_REACH, Infinity]) {
    const lower = Math.max(end - reach, from);
    if (upper !== undefined && lower >= upper) continue;
    yield {
      from: Number.isFinite(lower) ? new Date(lower).toISOString() : undefined,
      to: upper === undefined ? undefined : new Date(upper).toISOString(),
    };
    if (lower === from) return;
    upper = lower;
  }
}
