import { chatgpt } from './chatgpt.ts';
import { claude } from './claude.ts';
import { copilot } from './copilot.ts';
import { deepseek } from './deepseek.ts';
import { gemini } from './gemini.ts';
import { generic } from './generic.ts';
import { mistral } from './mistral.ts';
import { perplexity } from './perplexity.ts';
import type { SiteSpec } from './site.ts';

export const SITES: readonly SiteSpec[] = [chatgpt, claude, gemini, copilot, perplexity, mistral, deepseek];

/** The site's own spec by host name (or a subdomain of it), else the generic one. */
export function specForHost(host: string): SiteSpec {
  const h = host.toLowerCase();
  return SITES.find((s) => s.hosts.some((d) => h === d || h.endsWith(`.${d}`))) ?? generic;
}
