import { isValidUrlPattern } from '@kairro/core';
import { RISK_ATTRIBUTES, RISK_ATTRIBUTE_NAMES } from './attributes.ts';
import { TOOL_CATEGORIES } from './types.ts';

export const ID_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY = /^[A-Z]{2}$/;
const ENTRY_FIELDS = new Set([
  'id',
  'name',
  'vendor',
  'category',
  'domains',
  'urlPatterns',
  'reviewed',
  'attributes',
  'aiFeature',
]);

type Problem = (field: string, message: string) => void;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function isIsoDate(v: unknown): boolean {
  if (typeof v !== 'string' || !ISO_DATE.test(v)) return false;
  const date = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(v);
}

function isHttpsUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    return new URL(v).protocol === 'https:';
  } catch {
    return false;
  }
}

function stringList(entry: Record<string, unknown>, field: string, problem: Problem): string[] {
  const list = entry[field];
  if (!Array.isArray(list) || list.length === 0) {
    problem(field, 'must be a non-empty list');
    return [];
  }
  if (!list.every(isText)) problem(field, 'must contain only non-empty strings');
  return list.filter(isText);
}

/** `https://*.x.com/*` covers x.com and a.x.com; `*` any host. The pattern is already known valid. */
function patternCoversHost(pattern: string, host: string): boolean {
  const patternHost = /^[^:]*:\/\/([^/:]*)/.exec(pattern)?.[1]?.toLowerCase() ?? '';
  if (patternHost === '*') return true;
  if (patternHost.startsWith('*.'))
    return host === patternHost.slice(2) || host.endsWith(patternHost.slice(1));
  return host === patternHost;
}

function attributeProblems(attributes: unknown, problem: Problem): void {
  if (!isRecord(attributes)) return problem('attributes', 'must be a mapping of the risk attributes');
  for (const key of Object.keys(attributes)) {
    if (!(RISK_ATTRIBUTE_NAMES as string[]).includes(key))
      problem(`attributes.${key}`, 'is not a known attribute');
  }
  for (const name of RISK_ATTRIBUTE_NAMES) {
    const field = `attributes.${name}`;
    const attribute = attributes[name];
    if (!isRecord(attribute)) {
      problem(field, 'is missing (write { value: unknown } when not known)');
      continue;
    }
    const info = RISK_ATTRIBUTES[name];
    const allowed = Object.keys(info.values);
    const { value, source, note, regions, ...rest } = attribute;
    const countryOk = 'countryCode' in info && typeof value === 'string' && COUNTRY.test(value);
    if (typeof value !== 'string' || !(allowed.includes(value) || countryOk)) {
      const expected = allowed.join(', ') + ('countryCode' in info ? ' or an ISO 3166-1 alpha-2 code' : '');
      problem(`${field}.value`, `${JSON.stringify(value)} is not one of ${expected}`);
    }
    if (value !== 'unknown' && source === undefined)
      problem(`${field}.source`, 'is required unless the value is unknown');
    if (source !== undefined && !isHttpsUrl(source)) problem(`${field}.source`, 'must be an https URL');
    if (note !== undefined && !isText(note)) problem(`${field}.note`, 'must be a non-empty string');
    if (
      regions !== undefined &&
      (name !== 'dataResidency' || !Array.isArray(regions) || !regions.every(isText))
    )
      problem(`${field}.regions`, 'is only for dataResidency, as a list of region names');
    for (const key of Object.keys(rest)) problem(`${field}.${key}`, 'is not a known field');
  }
}

/** Problems of one entry on its own, each as "field: message" through `problem`. */
export function entryProblems(entry: unknown, problem: Problem): void {
  if (!isRecord(entry)) return problem('entry', 'must be a mapping');
  for (const key of Object.keys(entry)) if (!ENTRY_FIELDS.has(key)) problem(key, 'is not a known field');
  if (typeof entry.id !== 'string' || !ID_PATTERN.test(entry.id))
    problem('id', `must match ${ID_PATTERN.source}`);
  if (!isText(entry.name)) problem('name', 'must be a non-empty string');
  if (!isText(entry.vendor)) problem('vendor', 'must be a non-empty string');
  if (!(TOOL_CATEGORIES as readonly unknown[]).includes(entry.category))
    problem('category', `${JSON.stringify(entry.category)} is not one of ${TOOL_CATEGORIES.join(', ')}`);
  if (!isIsoDate(entry.reviewed)) problem('reviewed', 'must be an ISO date, YYYY-MM-DD');
  if (entry.aiFeature !== undefined && entry.aiFeature !== true)
    problem('aiFeature', 'must be true when present (leave it out otherwise)');
  const domains = stringList(entry, 'domains', problem);
  const patterns = stringList(entry, 'urlPatterns', problem).filter((p) => {
    const error = isValidUrlPattern(p);
    if (error) problem('urlPatterns', error);
    return error === null;
  });
  for (const domain of domains) {
    if (!HOST.test(domain)) problem('domains', `"${domain}" is not a lower-case host name`);
    else if (!patterns.some((p) => patternCoversHost(p, domain)))
      problem('domains', `"${domain}" is matched by none of the entry's URL patterns`);
  }
  attributeProblems(entry.attributes, problem);
}
