/**
 * Asks the backend for a decision on one prompt (`POST /v1/extension/evaluate`) and turns the answer
 * into the `Verdict` the content script applies. Used by the background worker. The prompt goes to
 * the backend and nowhere else: it is not logged or stored.
 */
import type { FailMode } from './config.ts';
import type { DecisionsLog } from './decisions-log.ts';
import type { Action, FindingView, PromptCheck, RecentDecision, Severity, Verdict } from './messages.ts';
import { fetchFailure, isRecord, parseError, readJson } from './register.ts';
import { readSession, type Registrar } from './registration.ts';
import * as items from './storage.ts';

export const EVALUATE_PATH = '/v1/extension/evaluate';

/**
 * The whole evaluation (including one re-registration and retry) must finish within this, or the
 * fail mode applies. Ingest decides in milliseconds (the target is ALLOW in < 150 ms at p95 on a
 * local backend), so 3 s only runs out when the backend is down or overloaded, and the employee
 * waits at most that long before a closed fail mode holds the prompt or an open one lets it go.
 */
export const EVALUATE_TIMEOUT_MS = 3_000;

type Decided = Extract<Verdict, { kind: 'decided' }>;

export type EvaluateCall =
  | { kind: 'decided'; verdict: Decided }
  /** 401 or 403: the token (or the license behind it) was refused; registering again tells which. */
  | { kind: 'refused'; code: string; message: string }
  /** Another 4xx: the backend will not check this prompt (too large, invalid), but it is up. */
  | { kind: 'rejected'; code: string; message: string }
  /** Network error, timeout, 429, 5xx or a body that is not the evaluate contract. */
  | { kind: 'failed'; code: string; message: string };

export async function postEvaluate(
  req: { backendUrl: string; token: string; check: PromptCheck },
  opts: { fetch: typeof fetch; signal: AbortSignal },
): Promise<EvaluateCall> {
  const { url, prompt, inputType, model } = req.check;
  let res: Response;
  try {
    res = await opts.fetch(`${req.backendUrl}${EVALUATE_PATH}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${req.token}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(
        model === undefined ? { url, prompt, inputType } : { url, prompt, inputType, model },
      ),
      signal: opts.signal,
    });
  } catch (err) {
    return { kind: 'failed', ...fetchFailure(err, req.backendUrl) };
  }
  const payload = await readJson(res);
  if (payload === undefined && opts.signal.aborted) {
    return { kind: 'failed', ...fetchFailure(opts.signal.reason, req.backendUrl) };
  }
  if (res.ok) {
    const verdict = parseDecided(payload);
    if (verdict) return { kind: 'decided', verdict };
    return {
      kind: 'failed',
      code: 'BAD_RESPONSE',
      message: `Kairro backend at ${req.backendUrl} answered with an unexpected body.`,
    };
  }
  const error = parseError(payload);
  const code = error?.code ?? `HTTP_${res.status}`;
  const message = error?.message ?? `HTTP ${res.status}`;
  if (res.status === 401 || res.status === 403) return { kind: 'refused', code, message };
  if (res.status >= 400 && res.status < 500 && res.status !== 429) return { kind: 'rejected', code, message };
  return {
    kind: 'failed',
    code,
    message: `Kairro backend at ${req.backendUrl} answered HTTP ${res.status}${error ? `: ${error.message}` : ''}.`,
  };
}

const ACTIONS: ReadonlySet<string> = new Set<Action>(['ALLOW', 'WARN', 'MASK', 'BLOCK']);
const SEVERITIES: ReadonlySet<string> = new Set<Severity>(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Keeps what the page needs; of each DLP match only detector, severity and the redacted snippet. */
export function parseDecided(value: unknown): Decided | undefined {
  if (!isRecord(value) || !isRecord(value.dlp) || !Array.isArray(value.dlp.matches)) return undefined;
  const { eventId, action, riskLevel, reasons, maskedPrompt, maskMapping } = value;
  if (
    typeof eventId !== 'string' ||
    !ACTIONS.has(action as string) ||
    (riskLevel !== 'NONE' && !SEVERITIES.has(riskLevel as string)) ||
    !isStringArray(reasons)
  ) {
    return undefined;
  }
  const findings: FindingView[] = [];
  for (const m of value.dlp.matches) {
    if (
      !isRecord(m) ||
      typeof m.detector !== 'string' ||
      !SEVERITIES.has(m.severity as string) ||
      typeof m.snippet !== 'string'
    ) {
      return undefined;
    }
    findings.push({ detector: m.detector, severity: m.severity as Severity, snippet: m.snippet });
  }
  const verdict: Decided = {
    kind: 'decided',
    eventId,
    action: action as Action,
    riskLevel: riskLevel as Decided['riskLevel'],
    reasons,
    findings,
  };
  if (action === 'MASK' && typeof maskedPrompt === 'string') {
    verdict.maskedPrompt = maskedPrompt;
    if (isRecord(maskMapping) && Object.values(maskMapping).every((v) => typeof v === 'string')) {
      verdict.maskMapping = maskMapping as Record<string, string>;
    }
  }
  return verdict;
}

export interface EvaluatorDeps {
  fetch: typeof fetch;
  registrar: Registrar;
  log: DecisionsLog;
  now?: () => Date;
  /** Budget for the whole evaluation; default EVALUATE_TIMEOUT_MS. */
  timeoutMs?: number;
}

export interface Evaluator {
  /** Never rejects for a backend problem: those become `unavailable` with a reason. */
  evaluate(check: PromptCheck): Promise<Verdict>;
}

export function createEvaluator(deps: EvaluatorDeps): Evaluator {
  const now = deps.now ?? (() => new Date());
  const timeoutMs = deps.timeoutMs ?? EVALUATE_TIMEOUT_MS;

  const unavailable = (failMode: FailMode, reason: string): Verdict => ({
    kind: 'unavailable',
    failMode,
    reason,
  });

  async function degrade(code: string, message: string): Promise<void> {
    await items.status.setValue({
      state: 'degraded',
      code,
      message: `Prompts cannot be checked: ${message}`,
      checkedAt: now().toISOString(),
    });
  }

  async function decide(check: PromptCheck): Promise<Verdict> {
    const deadline = AbortSignal.timeout(timeoutMs);
    let session = await readSession();
    if (!session.ok) {
      // Registration failed on a network problem: try again now so the next prompt may be checked.
      if (session.status.state === 'degraded') void deps.registrar.refresh().catch(() => undefined);
      return unavailable(session.failMode, session.reason);
    }
    for (let attempt = 0; ; attempt++) {
      const { backendUrl, token, failMode } = session;
      const result = await postEvaluate(
        { backendUrl, token, check },
        { fetch: deps.fetch, signal: deadline },
      );
      switch (result.kind) {
        case 'decided':
          if ((await items.status.getValue()).state === 'degraded') {
            // The registrar restores `protected` from the valid token without a network call.
            void deps.registrar.refresh().catch(() => undefined);
          }
          return result.verdict;
        case 'rejected':
          return unavailable(failMode, `The Kairro backend refused to check this prompt: ${result.message}`);
        case 'failed': {
          const message =
            result.code === 'TIMEOUT'
              ? `the Kairro backend at ${backendUrl} did not answer within ${timeoutMs / 1000} s.`
              : result.message;
          await degrade(result.code, message);
          return unavailable(failMode, `This prompt could not be checked: ${message}`);
        }
        case 'refused': {
          const status = await beforeDeadline(deps.registrar.renew(token), deadline);
          if (status === TIMED_OUT) {
            return unavailable(
              failMode,
              'This prompt could not be checked: registering again took too long.',
            );
          }
          if (attempt === 0 && status.state === 'protected') {
            session = await readSession();
            if (session.ok) continue;
          }
          // The registrar recorded why (unlicensed, unreachable) in the status.
          const why = status.state === 'protected' ? `${result.code}: ${result.message}` : status.message;
          return unavailable(failMode, `This prompt could not be checked: ${why}`);
        }
      }
    }
  }

  return {
    async evaluate(check) {
      const verdict = await decide(check);
      const detectors = verdict.kind === 'decided' ? verdict.findings.map((f) => f.detector) : [];
      await deps.log
        .record({ url: check.url, action: logAction(verdict), detectors })
        .catch((err: unknown) => console.warn('[kairro] recording the decision failed', err));
      return verdict;
    },
  };
}

function logAction(verdict: Verdict): RecentDecision['action'] {
  if (verdict.kind === 'decided') return verdict.action;
  return verdict.failMode === 'closed' ? 'HELD' : 'SENT_UNCHECKED';
}

const TIMED_OUT = Symbol('timed out');

/** The promise's value, or TIMED_OUT once `signal` aborts; the promise itself keeps running. */
function beforeDeadline<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | typeof TIMED_OUT> {
  if (signal.aborted) return Promise.resolve(TIMED_OUT);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(TIMED_OUT);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
