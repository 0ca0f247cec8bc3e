import { describe, expect, it } from 'vitest';
import type { RecentDecision } from '../../lib/messages.ts';
import { presentDecision } from './decisions.ts';

const now = new Date(2026, 2, 1, 15, 0);
const decision = (action: RecentDecision['action'], at = new Date(2026, 2, 1, 14, 5)): RecentDecision => ({
  at: at.toISOString(),
  host: 'chatgpt.com',
  action,
  detectors: ['CREDIT_CARD', 'EMAIL'],
});

describe('presentDecision', () => {
  it.each<[RecentDecision['action'], string, string]>([
    ['ALLOW', 'Allowed', 'good'],
    ['WARN', 'Warned', 'warn'],
    ['MASK', 'Masked', 'warn'],
    ['BLOCK', 'Blocked', 'bad'],
    ['HELD', 'Held (not checked)', 'bad'],
    ['SENT_UNCHECKED', 'Sent unchecked', 'idle'],
  ])('%s → %s (%s)', (action, label, tone) => {
    expect(presentDecision(decision(action), now, 'en-GB')).toEqual({
      time: '14:05',
      host: 'chatgpt.com',
      label,
      tone,
      detectors: 'CREDIT_CARD, EMAIL',
    });
  });

  it('adds the date for an earlier day and names an unknown host', () => {
    const row = presentDecision(
      { ...decision('BLOCK', new Date(2026, 1, 27, 9, 30)), host: '' },
      now,
      'en-GB',
    );
    expect(row.time).toBe('27 Feb, 09:30');
    expect(row.host).toBe('unknown site');
  });
});
