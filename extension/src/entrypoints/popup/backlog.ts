/** The popup's line about the telemetry queue: shown only while something waits or was lost. Pure. */
import type { Backlog } from '../../lib/messages.ts';

/** The line to show, or null when the queue is empty and nothing was dropped. */
export function presentBacklog({ waiting, dropped }: Backlog): string | null {
  const parts: string[] = [];
  if (waiting > 0) parts.push(`${waiting} ${waiting === 1 ? 'event' : 'events'} waiting to be sent`);
  if (dropped > 0) parts.push(`${dropped} dropped`);
  return parts.length > 0 ? `${parts.join('; ')}.` : null;
}
