import { describe, expect, it } from 'vitest';
import { attributes } from './fixtures/entries.ts';
import { riskLevel, riskScore } from './risk-score.ts';
import type { RiskAttributeName, RiskAttributes } from './types.ts';

const pointsFor = (name: RiskAttributeName, value: string): number =>
  riskScore(attributes({ [name]: { value } } as Partial<RiskAttributes>)).factors.find(
    (f) => f.attribute === name,
  )!.points;

describe('riskScore', () => {
  it('is 0 and LOW when every attribute is at its safest', () => {
    expect(riskScore(attributes())).toMatchObject({
      score: 0,
      level: 'LOW',
      unknown: { attributes: 0, points: 0 },
    });
  });

  it('says how much of the score is for attributes nobody documented', () => {
    const partly = riskScore(
      attributes({ trainsOnUserData: { value: 'unknown' }, hqJurisdiction: { value: 'unknown' } }),
    );
    expect(partly.unknown).toEqual({ attributes: 2, points: 30 });
    const undocumented = Object.fromEntries(
      partly.factors.map((f) => [f.attribute, { value: 'unknown' }]),
    ) as unknown as RiskAttributes;
    expect(riskScore(undocumented)).toMatchObject({ score: 64, unknown: { attributes: 8, points: 64 } });
  });

  it.each<[RiskAttributeName, string, number]>([
    ['trainsOnUserData', 'yes', 30],
    ['trainsOnUserData', 'opt-out', 20],
    ['trainsOnUserData', 'unknown', 20],
    ['trainsOnUserData', 'opt-in', 5],
    ['trainsOnUserData', 'no', 0],
    ['dataRetention', 'indefinite', 15],
    ['dataRetention', 'unknown', 10],
    ['dataRetention', 'limited', 5],
    ['dataRetention', 'configurable', 2],
    ['dataRetention', 'none', 0],
    ['enterprisePlan', 'no', 10],
    ['enterprisePlan', 'unknown', 5],
    ['sso', 'no', 10],
    ['sso', 'unknown', 5],
    ['soc2', 'no', 10],
    ['soc2', 'unknown', 6],
    ['iso27001', 'no', 5],
    ['iso27001', 'unknown', 3],
    ['dataResidency', 'fixed', 5],
    ['dataResidency', 'unknown', 5],
    ['dataResidency', 'choice', 0],
    ['hqJurisdiction', 'CN', 15],
    ['hqJurisdiction', 'unknown', 10],
    ['hqJurisdiction', 'US', 0],
    ['hqJurisdiction', 'FR', 0],
    ['hqJurisdiction', 'NO', 0],
    ['hqJurisdiction', 'GB', 0],
  ])('%s = %s scores %i', (name, value, points) => {
    expect(pointsFor(name, value)).toBe(points);
  });

  it('is 100 and CRITICAL at worst, and sums the factors', () => {
    const worst = riskScore(
      attributes({
        trainsOnUserData: { value: 'yes' },
        dataRetention: { value: 'indefinite' },
        enterprisePlan: { value: 'no' },
        sso: { value: 'no' },
        soc2: { value: 'no' },
        iso27001: { value: 'no' },
        dataResidency: { value: 'fixed' },
        hqJurisdiction: { value: 'RU' },
      }),
    );
    expect(worst).toMatchObject({ score: 100, level: 'CRITICAL' });
    expect(worst.factors.map((f) => f.max)).toEqual([30, 15, 10, 10, 10, 5, 5, 15]);
  });

  it('scores an all-unknown tool 64 (HIGH): unknown counts as risk', () => {
    const unknown = { value: 'unknown' } as const;
    const all = attributes({
      trainsOnUserData: unknown,
      dataRetention: unknown,
      enterprisePlan: unknown,
      sso: unknown,
      soc2: unknown,
      iso27001: unknown,
      dataResidency: unknown,
      hqJurisdiction: unknown,
    });
    expect(riskScore(all)).toMatchObject({ score: 64, level: 'HIGH' });
  });

  it.each<[number, string]>([
    [0, 'LOW'],
    [19, 'LOW'],
    [20, 'MEDIUM'],
    [44, 'MEDIUM'],
    [45, 'HIGH'],
    [69, 'HIGH'],
    [70, 'CRITICAL'],
    [100, 'CRITICAL'],
  ])('level of %i is %s', (score, level) => {
    expect(riskLevel(score)).toBe(level);
  });

  it('explains every factor in words with its points', () => {
    const { factors } = riskScore(
      attributes({ trainsOnUserData: { value: 'opt-out' }, hqJurisdiction: { value: 'CN' } }),
    );
    expect(factors.map((f) => f.attribute)).toEqual([
      'trainsOnUserData',
      'dataRetention',
      'enterprisePlan',
      'sso',
      'soc2',
      'iso27001',
      'dataResidency',
      'hqJurisdiction',
    ]);
    expect(factors[0]).toEqual({
      attribute: 'trainsOnUserData',
      value: 'opt-out',
      points: 20,
      max: 30,
      reason: 'Trains on prompts by default, users can opt out: +20 of 30',
    });
    expect(factors[1]?.reason).toBe('Keeps no prompts (zero retention): +0 of 15');
    expect(factors[7]?.reason).toBe('Headquartered in CN, outside the EU adequacy list: +15 of 15');
  });
});
