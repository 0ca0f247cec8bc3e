import { describe, expect, it } from 'vitest';
import { flatten, jsonDiff } from './diff.ts';

describe('jsonDiff', () => {
  it('lists changed, added and removed leaves by path', () => {
    const before = {
      name: 'A',
      status: 'DRAFT',
      rules: [{ kind: 'DLP', criteria: { minSeverity: 'HIGH' } }],
    };
    const after = {
      name: 'A',
      status: 'ACTIVE',
      rules: [{ kind: 'DLP', criteria: { detectors: ['EMAIL', 'IBAN'] } }, { kind: 'DENY_TOOLS' }],
    };
    expect(jsonDiff(before, after)).toEqual([
      { path: 'status', kind: 'changed', before: '"DRAFT"', after: '"ACTIVE"' },
      { path: 'rules[0].criteria.detectors', kind: 'added', after: '["EMAIL","IBAN"]' },
      { path: 'rules[1].kind', kind: 'added', after: '"DENY_TOOLS"' },
      { path: 'rules[0].criteria.minSeverity', kind: 'removed', before: '"HIGH"' },
    ]);
  });

  it('handles a created or deleted entity (one side null)', () => {
    expect(jsonDiff(null, { name: 'X' })).toEqual([{ path: 'name', kind: 'added', after: '"X"' }]);
    expect(jsonDiff({ name: 'X' }, null)).toEqual([{ path: 'name', kind: 'removed', before: '"X"' }]);
    expect(jsonDiff(null, null)).toEqual([]);
  });

  it('keeps empty objects and scalar arrays as one leaf', () => {
    expect([...flatten({ criteria: {}, tools: ['a'] })]).toEqual([
      ['criteria', '{}'],
      ['tools', '["a"]'],
    ]);
    expect([...flatten('x')]).toEqual([['', '"x"']]);
  });
});
