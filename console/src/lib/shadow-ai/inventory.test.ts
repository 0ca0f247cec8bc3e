import { describe, expect, it } from 'vitest';
import type { InventoryRow, ShadowTool, ToolDecision } from '../api/shadow-ai.ts';
import {
  dayStart,
  fillDays,
  inventoryQuery,
  joinInventory,
  riskDistribution,
  RISK_SERIES,
  statusOf,
} from './inventory.ts';

const usage = (tool: string, events: number): InventoryRow => ({
  tool,
  category: '',
  firstSeen: '2026-11-20T10:00:00.000Z',
  lastSeen: '2026-11-22T10:00:00.000Z',
  users: 1,
  events,
  blocked: 0,
  warned: 0,
  findings: 0,
});

const decision = (d: Partial<ToolDecision>): ToolDecision => ({
  status: 'APPROVED',
  action: 'ALLOW',
  severity: 'LOW',
  applyPolicies: true,
  urlPatterns: [],
  updatedAt: '2026-11-22T10:00:00.000Z',
  ...d,
});

const tool = (id: string, over: Partial<ShadowTool> = {}): ShadowTool =>
  ({
    id,
    name: id.toUpperCase(),
    vendor: 'Vendor',
    category: 'chat',
    domains: [],
    urlPatterns: [],
    origin: 'catalog',
    attributes: {},
    overridden: [],
    risk: { score: 50, level: 'HIGH', factors: [], unknown: { attributes: 0, points: 0 } },
    reviewed: '2026-11-22',
    decision: null,
    ...over,
  }) as ShadowTool;

describe('statusOf', () => {
  it.each([
    [null, 'unreviewed', null, 'Unreviewed'],
    [decision({}), 'approved', null, 'Approved'],
    [decision({ applyPolicies: false }), 'approved', null, 'Approved (trusted)'],
    [decision({ status: 'UNAPPROVED', action: 'BLOCK' }), 'unapproved', 'BLOCK', 'Unapproved: BLOCK'],
  ] as const)('%o → %s', (d, status, action, label) => {
    expect(statusOf(d)).toEqual({ status, action, label });
  });
});

describe('joinInventory', () => {
  const tools = [
    tool('chatgpt', {
      decision: decision({}),
      risk: { score: 41, level: 'MEDIUM', factors: [], unknown: { attributes: 0, points: 0 } },
    }),
    tool('deepseek', { category: 'chat' }),
    tool('midjourney', { category: 'image' }),
  ];
  const rows = joinInventory(
    [usage('deepseek', 3), usage('chat.example-ai.dev', 3), usage('chatgpt', 10)],
    tools,
  );

  it('joins by id, most events first, then by name, keeping unknown hosts unrated', () => {
    expect(rows.map((r) => [r.tool, r.name, r.category, r.risk?.level ?? null, r.known])).toEqual([
      ['chatgpt', 'CHATGPT', 'chat', 'MEDIUM', true],
      ['chat.example-ai.dev', 'chat.example-ai.dev', '', null, false],
      ['deepseek', 'DEEPSEEK', 'chat', 'HIGH', true],
    ]);
    expect(rows[0]?.status.status).toBe('approved');
    expect(rows[2]?.status.status).toBe('unreviewed');
  });

  it('keeps the range and the filters in the query string', () => {
    expect(inventoryQuery('7d', { category: null, status: null })).toBe('range=7d');
    expect(inventoryQuery('24h', { category: 'meeting-notes', status: 'unapproved' })).toBe(
      'range=24h&category=meeting-notes&status=unapproved',
    );
  });

  it('counts tools per risk level, worst first, one series key per bar', () => {
    const dist = riskDistribution(rows);
    expect(dist.map((r) => r.label)).toEqual(['Critical', 'High', 'Medium', 'Low', 'Unrated']);
    expect(dist.map((r, i) => r[RISK_SERIES[i]!.key])).toEqual([0, 1, 1, 0, 1]);
    expect(dist[1]).toMatchObject({ HIGH: 1, MEDIUM: 0, UNRATED: 0 });
  });
});

describe('fillDays', () => {
  const now = Date.parse('2026-11-22T15:00:00Z');

  it('reads a date or an ISO time as its UTC day', () => {
    expect(dayStart('2026-11-22')).toBe(Date.parse('2026-11-22T00:00:00Z'));
    expect(dayStart('2026-11-22T13:14:00.000Z')).toBe(Date.parse('2026-11-22T00:00:00Z'));
    expect(dayStart('yesterday')).toBeNaN();
  });

  it('has one row per day of the range, zero where the API had none', () => {
    const rows = fillDays([{ day: '2026-11-21', events: 4, users: 2, blocked: 1 }], 72, now);
    expect(rows.map((r) => r.day.toISOString().slice(0, 10))).toEqual([
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
    expect(rows.map((r) => r.events)).toEqual([0, 0, 4, 0]);
    expect(rows[2]).toMatchObject({ users: 2, blocked: 1, warned: 0 });
  });

  it('covers today alone for a short range, and widens for days outside it', () => {
    expect(fillDays([], 1, now)).toHaveLength(1);
    const rows = fillDays([{ day: '2026-11-10T00:00:00Z', events: 1, users: 1 }], 1, now);
    expect(rows).toHaveLength(13);
    expect(rows[0]?.events).toBe(1);
  });
});
