export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ACTIONS = ['ALLOW', 'WARN', 'MASK', 'BLOCK'] as const;
export type Action = (typeof ACTIONS)[number];
