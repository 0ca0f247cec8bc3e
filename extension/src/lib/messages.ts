/**
 * The typed message protocol between extension pages / content scripts and the background worker.
 * Every request is `{ type, ... }`. The prompt-interception issue adds its requests (e.g. `evaluate`).
 */
import type { Status } from './status.ts';

export type Request = { type: 'status' } | { type: 'refresh' };
export type RequestType = Request['type'];

/** What the background answers to each request type. */
export interface Responses {
  /** The last recorded status; no network call. */
  status: Status;
  /** Re-resolves config and registers if needed, then answers the new status. */
  refresh: Status;
}

export type ResponseTo<R extends Request> = Responses[R['type']];

export type Handlers = { [K in RequestType]: (req: Extract<Request, { type: K }>) => Promise<Responses[K]> };

/** Sent instead of a response when a handler fails; `sendRequest` turns it back into an error. */
export interface ErrorAnswer {
  error: { message: string };
}

const TYPES: ReadonlySet<string> = new Set<RequestType>(['status', 'refresh']);

export function isRequest(message: unknown): message is Request {
  return (
    typeof message === 'object' &&
    message !== null &&
    TYPES.has((message as { type?: unknown }).type as string)
  );
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
