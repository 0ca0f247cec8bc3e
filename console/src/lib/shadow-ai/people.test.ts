import { describe, expect, it } from 'vitest';
import type { ShadowTool, UsageByRow } from '../api/shadow-ai.ts';
import { parseBy, peopleQuery, peopleRows } from './people.ts';

const lastSeen = '2026-05-01T10:00:00.000Z';

describe('parseBy', () => {
  it.each([
    ['team', 'team'],
    ['user', 'user'],
    [null, 'user'],
    ['teams', 'user'],
  ] as const)('%j → %s', (value, by) => expect(parseBy(value)).toBe(by));
});

describe('peopleQuery', () => {
  it('leaves the default grouping out', () => expect(peopleQuery('7d', 'user')).toBe('range=7d'));
  it('keeps by=team', () => expect(peopleQuery('24h', 'team')).toBe('range=24h&by=team'));
});

describe('peopleRows', () => {
  const rows: UsageByRow[] = [
    {
      user_email: 'carol@example.com',
      team: 'Sales',
      events: 5,
      tools: [
        { tool: 'deepseek', events: 3, lastSeen },
        { tool: 'chat.example-ai.dev', events: 2, lastSeen },
      ],
    },
  ];
  const tools = [{ id: 'deepseek', name: 'DeepSeek' }] as ShadowTool[];

  it('names the tools it knows and keeps the id of the others', () =>
    expect(peopleRows(rows, tools)).toEqual([
      {
        key: 'carol@example.com',
        email: 'carol@example.com',
        team: 'Sales',
        events: 5,
        tools: [
          { id: 'deepseek', name: 'DeepSeek', events: 3 },
          { id: 'chat.example-ai.dev', name: 'chat.example-ai.dev', events: 2 },
        ],
      },
    ]));

  it('keys a team row by its team, and uses ids when the tools could not be read', () =>
    expect(
      peopleRows([{ team: 'Sales', events: 3, tools: [{ tool: 'deepseek', events: 3, lastSeen }] }], null),
    ).toEqual([
      {
        key: 'Sales',
        email: null,
        team: 'Sales',
        events: 3,
        tools: [{ id: 'deepseek', name: 'deepseek', events: 3 }],
      },
    ]));
});
