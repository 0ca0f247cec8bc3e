import { describe, expect, it, vi } from 'vitest';
import type { Verdict } from '../messages.ts';
import { applyVerdict, type DecisionUi } from './apply-verdict.ts';

const ui = (): DecisionUi => ({
  warn: vi.fn(async () => ({ choice: 'edit' as const })),
  block: vi.fn(),
  held: vi.fn(),
});
const base = {
  kind: 'decided' as const,
  eventId: 'e',
  riskLevel: 'MEDIUM' as const,
  reasons: ['r'],
  findings: [],
};

describe('applyVerdict', () => {
  it.each<[string, Verdict, string | null]>([
    ['ALLOW sends the prompt', { ...base, action: 'ALLOW' }, 'p'],
    [
      'MASK sends the masked prompt',
      { ...base, action: 'MASK', maskedPrompt: '[EMAIL_1]', maskMapping: {} },
      '[EMAIL_1]',
    ],
    ['BLOCK holds', { ...base, action: 'BLOCK' }, null],
    ['WARN + Edit holds', { ...base, action: 'WARN' }, null],
    ['fail open sends', { kind: 'unavailable', failMode: 'open', reason: 'down' }, 'p'],
    ['fail closed holds', { kind: 'unavailable', failMode: 'closed', reason: 'down' }, null],
  ])('%s', async (_name, verdict, send) => {
    expect((await applyVerdict('p', verdict, ui())).send).toBe(send);
  });

  it('holds a MASK that came without a masked prompt rather than send the original', async () => {
    const u = ui();
    const outcome = await applyVerdict('p', { ...base, action: 'MASK' }, u);
    expect(outcome).toMatchObject({ send: null, action: 'MASK' });
    expect(u.held).toHaveBeenCalled();
  });
});
