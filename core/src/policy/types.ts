export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ACTIONS = ['ALLOW', 'WARN', 'MASK', 'BLOCK'] as const;
export type Action = (typeof ACTIONS)[number];

export type PolicyStatus = 'ACTIVE' | 'DRAFT' | 'DISABLED';

/** Fires when the scan's highest severity is at least `minSeverity`. */
export interface DlpPolicyRule {
  id: string;
  kind: 'DLP';
  minSeverity: Severity;
  action: Action;
}

export interface Policy {
  id: string;
  name: string;
  type: 'DLP';
  status: PolicyStatus;
  /** Lower runs first; ties keep input order. */
  priority: number;
  isDefault: boolean;
  rules: DlpPolicyRule[];
}

export interface LicenseState {
  status: 'ACTIVE' | 'EXPIRED' | 'REVOKED';
  /** ISO-8601 instant. */
  expiresAt: string;
}
