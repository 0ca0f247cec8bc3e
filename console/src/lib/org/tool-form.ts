// The AI tools page's form model and its conversion to the API's bodies, and how the list is
// grouped. URL patterns are edited one per line; the API stays the authority on their validity.
import type { ToolInput, ToolPatch } from '../api/org.ts';
import type { Tool } from '../api/policy-types.ts';
import type { Action, Severity } from '../api/types.ts';

export const TOOL_STATUSES = ['APPROVED', 'UNAPPROVED'] as const;

export interface ToolForm {
  id: string;
  name: string;
  status: Tool['status'];
  /** One Chrome match pattern per line. */
  urlPatterns: string;
  /** Approved tools: false trusts the tool (no policy runs). */
  applyPolicies: boolean;
  /** Unapproved tools: what every prompt to them gets. */
  action: Action;
  severity: Severity;
}

/** A new tool, with the API's defaults (policies apply; unapproved: BLOCK at MEDIUM). */
export function emptyToolForm(): ToolForm {
  return {
    id: '',
    name: '',
    status: 'APPROVED',
    urlPatterns: '',
    applyPolicies: true,
    action: 'BLOCK',
    severity: 'MEDIUM',
  };
}

export function toolToForm(tool: Tool): ToolForm {
  const { id, name, status, applyPolicies, action, severity } = tool;
  return { id, name, status, urlPatterns: tool.urlPatterns.join('\n'), applyPolicies, action, severity };
}

/** Lines → patterns: trimmed, blank lines and repeats dropped, order kept. */
export function splitPatterns(text: string): string[] {
  return [...new Set(text.split(/\r?\n/).map((line) => line.trim()))].filter(Boolean);
}

/** The id a name suggests: `Mistral Le Chat` → `mistral-le-chat` (the API's slug rule). */
export function toolSlug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** The fields the form shows for the status: approved tools carry applyPolicies, others action and severity. */
function statusFields(form: ToolForm): Pick<ToolInput, 'applyPolicies' | 'action' | 'severity'> {
  return form.status === 'APPROVED'
    ? { applyPolicies: form.applyPolicies }
    : { action: form.action, severity: form.severity };
}

export function formToCreateBody(form: ToolForm): ToolInput {
  return {
    id: form.id.trim(),
    name: form.name.trim(),
    status: form.status,
    urlPatterns: splitPatterns(form.urlPatterns),
    ...statusFields(form),
  };
}

/** Every editable field (the id stays); fields hidden for the status keep their stored values. */
export function formToPatch(form: ToolForm): ToolPatch {
  return {
    name: form.name.trim(),
    status: form.status,
    urlPatterns: splitPatterns(form.urlPatterns),
    ...statusFields(form),
  };
}

/** Approved and unapproved tools, each by name (case-insensitive). */
export function groupTools(tools: readonly Tool[]): { approved: Tool[]; unapproved: Tool[] } {
  const byName = (a: Tool, b: Tool) =>
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id);
  return {
    approved: tools.filter((t) => t.status === 'APPROVED').sort(byName),
    unapproved: tools.filter((t) => t.status === 'UNAPPROVED').sort(byName),
  };
}

export function trustLabel(tool: Pick<Tool, 'applyPolicies'>): string {
  return tool.applyPolicies ? 'Policies apply' : 'Trusted: no policies';
}
