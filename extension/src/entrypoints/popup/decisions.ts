/** How the popup lists a recent decision. Pure. */
import type { RecentDecision } from '../../lib/messages.ts';

export interface DecisionRow {
  /** Local time of day, or date and time when not today. */
  time: string;
  host: string;
  label: string;
  tone: 'good' | 'warn' | 'bad' | 'idle';
  /** Detector types, comma-separated; '' when none fired. */
  detectors: string;
}

const ACTIONS: Record<RecentDecision['action'], Pick<DecisionRow, 'label' | 'tone'>> = {
  ALLOW: { label: 'Allowed', tone: 'good' },
  WARN: { label: 'Warned', tone: 'warn' },
  MASK: { label: 'Masked', tone: 'warn' },
  BLOCK: { label: 'Blocked', tone: 'bad' },
  HELD: { label: 'Held (not checked)', tone: 'bad' },
  SENT_UNCHECKED: { label: 'Sent unchecked', tone: 'idle' },
};

export function presentDecision(decision: RecentDecision, now: Date, locale?: string): DecisionRow {
  const at = new Date(decision.at);
  const sameDay = at.toDateString() === now.toDateString();
  const time = sameDay
    ? at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
    : at.toLocaleString(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return {
    time,
    host: decision.host || 'unknown site',
    ...ACTIONS[decision.action],
    detectors: decision.detectors.join(', '),
  };
}
