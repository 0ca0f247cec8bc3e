/**
 * The typed message protocol between extension pages / content scripts and the background worker.
 * Every request is `{ type, ... }`.
 */
import type { FailMode } from './config.ts';
import type { Status } from './status.ts';

export type InputType = 'typed' | 'paste' | 'file';
export type Severity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type Action = 'ALLOW' | 'WARN' | 'MASK' | 'BLOCK';

/** One prompt a content script holds back until the backend decided on it. */
export interface PromptCheck {
  /** The page's URL: the backend classifies the tool from it. */
  url: string;
  prompt: string;
  inputType: InputType;
  /** The model the page shows as selected, when the adapter can read it. */
  model?: string;
}

/** A finding as the page may show it: its type, severity and redacted snippet, never the value. */
export interface FindingView {
  detector: string;
  severity: Severity;
  snippet: string;
}

/**
 * What the content script applies. `unavailable`: no decision could be had (not configured,
 * unlicensed, backend down or slow); the content script applies `failMode` (`closed`: hold the
 * prompt and say why; `open`: let it go).
 */
export type Verdict =
  | {
      kind: 'decided';
      eventId: string;
      action: Action;
      riskLevel: Severity | 'NONE';
      /** Readable by a person; name the policy and rule. */
      reasons: string[];
      findings: FindingView[];
      /** MASK only: the prompt to send instead. */
      maskedPrompt?: string;
      /** MASK only: placeholder → original, to restore the originals in the reply, on this page only. */
      maskMapping?: Record<string, string>;
    }
  | { kind: 'unavailable'; failMode: FailMode; reason: string };

/**
 * What a page is, by the org's AI tool lists (GET /v1/extension/policy). `watched`: a catalog AI
 * tool in neither list; the org has not decided on it, so the visit is reported and nothing else.
 */
export type PageClass =
  | { kind: 'approved'; toolId: string; name: string; applyPolicies: boolean }
  | { kind: 'unapproved'; toolId: string; name: string; action: Action; severity: Severity }
  | { kind: 'watched'; toolId: string; name: string }
  | { kind: 'other' };

/** A decision as the popup lists it: no prompt text, no snippet. */
export interface RecentDecision {
  at: string;
  host: string;
  action: Action | 'HELD' | 'SENT_UNCHECKED';
  detectors: string[];
}

/**
 * How the page was recognised as an AI tool the org has not approved: `catalog`, by the org's
 * unapproved list or the catalog's watch list; `heuristic`, by the look of its page.
 */
export type SightingSignal = 'catalog' | 'heuristic';

/**
 * A content script saw an unapproved AI tool (shadow AI). The background strips `url` to origin
 * and path, adds an id and the time, and queues it for `POST /v1/extension/shadow-event`.
 */
export interface ShadowSighting {
  url: string;
  signal: SightingSignal;
  /** What the page showed: MASK cannot apply on an unapproved tool and shows the WARN banner. */
  appliedAction: 'ALLOW' | 'WARN' | 'BLOCK';
  /** The tool's name, or which heuristics fired; truncated to 200 characters. */
  detail?: string;
}

/** "Send anyway" on a WARN: the decision's event id and the user's reason. */
export interface WarnOverride {
  eventId: string;
  justification: string;
}

/** What the telemetry queue still holds, for the popup. */
export interface Backlog {
  /** Records waiting to be sent. */
  waiting: number;
  /** Records dropped since install: the queue was full, or the backend refused them. */
  dropped: number;
}

export type Request =
  | { type: 'status' }
  | { type: 'refresh' }
  | { type: 'classify'; url: string }
  | { type: 'evaluate'; check: PromptCheck }
  | { type: 'decisions' }
  | { type: 'shadow-sighting'; sighting: ShadowSighting }
  | { type: 'warn-override'; override: WarnOverride }
  | { type: 'backlog' };
export type RequestType = Request['type'];

/** What the background answers to each request type. */
export interface Responses {
  /** The last recorded status; no network call. */
  status: Status;
  /** Re-resolves config and registers if needed, then answers the new status. */
  refresh: Status;
  /** From the cached tool policy; no network call unless the cache is empty. */
  classify: PageClass;
  /** Asks the backend (POST /v1/extension/evaluate) within a time limit. */
  evaluate: Verdict;
  /** The last decisions of this browser profile, newest first. */
  decisions: RecentDecision[];
  /** Queued for the backend, sent in batches, retried while it cannot be reached; false when not configured. */
  'shadow-sighting': { queued: boolean };
  /** Queued for `POST /v1/extension/warn-override`, retried like sightings; false when not configured. */
  'warn-override': { queued: boolean };
  /** The telemetry queue's size; no network call. */
  backlog: Backlog;
}

export type ResponseTo<R extends Request> = Responses[R['type']];

export type Handlers = { [K in RequestType]: (req: Extract<Request, { type: K }>) => Promise<Responses[K]> };

/** Sent instead of a response when a handler fails; `sendRequest` turns it back into an error. */
export interface ErrorAnswer {
  error: { message: string };
}

const TYPES: ReadonlySet<string> = new Set<RequestType>([
  'status',
  'refresh',
  'classify',
  'evaluate',
  'decisions',
  'shadow-sighting',
  'warn-override',
  'backlog',
]);

const INPUT_TYPES: ReadonlySet<string> = new Set<InputType>(['typed', 'paste', 'file']);

function isPromptCheck(value: unknown): value is PromptCheck {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.url === 'string' &&
    typeof c.prompt === 'string' &&
    INPUT_TYPES.has(c.inputType as string) &&
    (c.model === undefined || typeof c.model === 'string')
  );
}

const SIGNALS: ReadonlySet<string> = new Set<SightingSignal>(['catalog', 'heuristic']);
const SHOWN_ACTIONS: ReadonlySet<string> = new Set<ShadowSighting['appliedAction']>([
  'ALLOW',
  'WARN',
  'BLOCK',
]);
/** The backend's limit (`POST /v1/extension/warn-override`). */
export const WARN_OVERRIDE_MAX_CHARS = 1_000;

function isShadowSighting(value: unknown): value is ShadowSighting {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return (
    typeof s.url === 'string' &&
    SIGNALS.has(s.signal as string) &&
    SHOWN_ACTIONS.has(s.appliedAction as string) &&
    (s.detail === undefined || typeof s.detail === 'string')
  );
}

function isWarnOverride(value: unknown): value is WarnOverride {
  if (typeof value !== 'object' || value === null) return false;
  const o = value as Record<string, unknown>;
  return (
    typeof o.eventId === 'string' &&
    o.eventId !== '' &&
    typeof o.justification === 'string' &&
    o.justification.trim() !== '' &&
    o.justification.length <= WARN_OVERRIDE_MAX_CHARS
  );
}

/** A known request with the fields its type needs: a page cannot make the worker act on junk. */
export function isRequest(message: unknown): message is Request {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  if (!TYPES.has(m.type as string)) return false;
  if (m.type === 'classify') return typeof m.url === 'string';
  if (m.type === 'evaluate') return isPromptCheck(m.check);
  if (m.type === 'shadow-sighting') return isShadowSighting(m.sighting);
  if (m.type === 'warn-override') return isWarnOverride(m.override);
  return true;
}

function isErrorAnswer(value: unknown): value is ErrorAnswer {
  return typeof value === 'object' && value !== null && 'error' in value && Object.keys(value).length === 1;
}

export type MessageListener = (
  message: unknown,
  sender: unknown,
  sendResponse?: (answer: unknown) => void,
) => Promise<unknown> | true | undefined;

/**
 * A `runtime.onMessage` listener. Unknown messages get `undefined` so other listeners may answer.
 * Known ones are answered through `sendResponse` (returning `true`) when the browser passes it —
 * Chrome only honours a returned Promise from version 147 or so — and otherwise by returning a
 * Promise (Firefox, `wxt/testing`'s fakeBrowser when it passes no `sendResponse`).
 */
export function createMessageListener(handlers: Handlers): MessageListener {
  return (message, _sender, sendResponse) => {
    if (!isRequest(message)) return undefined;
    const handler = handlers[message.type] as (req: Request) => Promise<unknown>;
    const answer = handler(message).catch((err: unknown): ErrorAnswer => ({
      error: { message: err instanceof Error ? err.message : String(err) },
    }));
    if (typeof sendResponse !== 'function') return answer;
    void answer.then(sendResponse);
    return true;
  };
}

/** Sends a request with the given transport (`browser.runtime.sendMessage`) and types the answer. */
export async function sendRequest<R extends Request>(
  send: (message: R) => Promise<unknown>,
  request: R,
): Promise<ResponseTo<R>> {
  const answer = await send(request);
  if (answer === undefined) throw new Error(`No answer to "${request.type}" from the background worker.`);
  if (isErrorAnswer(answer)) throw new Error(answer.error.message);
  return answer as ResponseTo<R>;
}
