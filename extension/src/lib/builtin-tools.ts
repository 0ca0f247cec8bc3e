/**
 * The AI tools the extension knows without the backend: core's default tool list, the one every
 * new organisation starts with, so it matches what `GET /v1/extension/policy` serves an org that
 * has not changed its tools. Used only while no lists were ever fetched for the current
 * configuration (the backend has been down since install), so the fail mode can still apply on
 * the well-known tools instead of nothing being intercepted anywhere.
 */
import { defaultTools } from '@kairro/core/default-tools';
import { extensionToolLists } from '@kairro/core/tools';
import type { ExtensionPolicy } from './tool-policy.ts';

export function builtinToolPolicy(): ExtensionPolicy {
  return { version: 'builtin', ...extensionToolLists(defaultTools()) };
}
