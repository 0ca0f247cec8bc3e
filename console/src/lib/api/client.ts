// Typed client for the admin API. The console is served on the same origin as the API, so all
// URLs are relative and the session travels in an HttpOnly cookie.
import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { apiQueryParams } from '../filters/event-filters.ts';
import type {
  ApiErrorBody,
  Breakdown,
  BreakdownBy,
  BreakdownSort,
  Detector,
  DlpOverview,
  DlpTrend,
  TrendBucket,
  DetectorInput,
  DlpSettings,
  TestResult,
  EventDrillDown,
  EventsOverTime,
  EventsPage,
  EventsQuery,
  LoginRequest,
  Summary,
  User,
  UserResponse,
} from './types.ts';

const BASE = '/v1/admin';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: string;
  readonly status: number;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

type Fetch = typeof fetch;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A non-JSON body (YAML imports), sent as is with its content type. */
  raw?: { body: string; contentType: string };
  query?: Record<string, string | number | null | undefined>;
  /** SvelteKit's `fetch` inside load functions; the global one elsewhere. */
  fetch?: Fetch;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'message' in error;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, raw, query, fetch: fetcher = fetch } = options;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.size > 0 ? `?${params}` : '';

  let response: Response;
  try {
    response = await fetcher(`${BASE}${path}${search}`, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(raw === undefined ? {} : { 'content-type': raw.contentType }),
      },
      body: raw !== undefined ? raw.body : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Cannot reach the Kairro API. Check that it is running.');
  }

  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }

  if (!response.ok) {
    if (isErrorBody(payload)) {
      throw new ApiError(response.status, payload.error.code, payload.error.message);
    }
    throw new ApiError(response.status, 'http_error', `Request failed (HTTP ${response.status}).`);
  }
  if (payload === undefined) {
    throw new ApiError(response.status, 'invalid_response', 'The API returned an unexpected response.');
  }
  return payload as T;
}

// --- auth -----------------------------------------------------------------------------------------

export async function login(credentials: LoginRequest, fetcher?: Fetch): Promise<User> {
  const res = await request<UserResponse>('/auth/login', {
    method: 'POST',
    body: credentials,
    fetch: fetcher,
  });
  return res.user;
}

export async function me(fetcher?: Fetch): Promise<User> {
  const res = await request<UserResponse>('/auth/me', { fetch: fetcher });
  return res.user;
}

export async function logout(fetcher?: Fetch): Promise<void> {
  await request<void>('/auth/logout', { method: 'POST', fetch: fetcher });
}

// --- events & analytics ---------------------------------------------------------------------------

export function listEvents(query: EventsQuery = {}, fetcher?: Fetch): Promise<EventsPage> {
  const { limit = 50, cursor, ...filters } = query;
  return request<EventsPage>('/events', {
    query: { ...apiQueryParams(filters), limit, cursor },
    fetch: fetcher,
  });
}

/** An event's drill-down: its DLP findings and, when the employee sent a WARN anyway, why. */
export async function eventDrillDown(eventId: string, fetcher?: Fetch): Promise<EventDrillDown> {
  const path = `/events/${encodeURIComponent(eventId)}/dlp`;
  const body = await request<EventDrillDown>(path, { fetch: fetcher });
  return { matches: body.matches, override: body.override ?? null };
}

export function dlpOverview(hours: number, fetcher?: Fetch): Promise<DlpOverview> {
  return request<DlpOverview>('/analytics/dlp', { query: { hours, top: 20 }, fetch: fetcher });
}

export function dlpTrend(hours: number, bucket: TrendBucket, fetcher?: Fetch): Promise<DlpTrend> {
  return request<DlpTrend>('/analytics/dlp/trend', { query: { hours, bucket }, fetch: fetcher });
}

export function breakdown(
  query: { by: BreakdownBy; sort?: BreakdownSort; hours: number; limit?: number },
  fetcher?: Fetch,
): Promise<Breakdown> {
  return request<Breakdown>('/analytics/breakdown', {
    query: { by: query.by, sort: query.sort ?? 'events', hours: query.hours, limit: query.limit ?? 10 },
    fetch: fetcher,
  });
}

export function eventsOverTime(hours: number, fetcher?: Fetch): Promise<EventsOverTime> {
  return request<EventsOverTime>('/analytics/events-over-time', { query: { hours }, fetch: fetcher });
}

export function summary(hours: number, fetcher?: Fetch): Promise<Summary> {
  return request<Summary>('/analytics/summary', { query: { hours }, fetch: fetcher });
}

// --- detectors & DLP settings --------------------------------------------------------------------

export async function listDetectors(fetcher?: Fetch): Promise<Detector[]> {
  return (await request<{ detectors: Detector[] }>('/detectors', { fetch: fetcher })).detectors;
}

export function createDetector(input: DetectorInput): Promise<Detector> {
  return request<Detector>('/detectors', { method: 'POST', body: input });
}

export function updateDetector(id: string, input: Partial<DetectorInput>): Promise<Detector> {
  return request<Detector>(`/detectors/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });
}

export function deleteDetector(id: string): Promise<void> {
  return request<void>(`/detectors/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Scans as ingest would for the org and explains each finding; stores nothing. */
export function testDetectors(text: string): Promise<TestResult> {
  return request<TestResult>('/detectors/test', { method: 'POST', body: { text } });
}

export function getDlpSettings(fetcher?: Fetch): Promise<DlpSettings> {
  return request<DlpSettings>('/dlp-settings', { fetch: fetcher });
}

export function putDlpSettings(settings: DlpSettings): Promise<DlpSettings> {
  return request<DlpSettings>('/dlp-settings', { method: 'PUT', body: settings });
}

/** How many days the org's events are kept in ClickHouse. */
export function getRetention(fetcher?: Fetch): Promise<{ retentionDays: number }> {
  return request<{ retentionDays: number }>('/retention', { fetch: fetcher });
}

export function putRetention(retentionDays: number): Promise<{ retentionDays: number }> {
  return request<{ retentionDays: number }>('/retention', { method: 'PUT', body: { retentionDays } });
}

// --- errors ---------------------------------------------------------------------------------------

/** Only same-site paths are accepted as `next`, so the login page cannot become an open redirect. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?')) return '/';
  return next;
}

/**
 * The one place API failures are handled. A 401 (no or expired session) sends the user to the
 * login page, which comes back here afterwards; anything else becomes a message to show.
 */
export function handleError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) {
      if (location.pathname !== '/login') {
        const next = safeNext(`${location.pathname}${location.search}`);
        void goto(resolve(`/login?next=${encodeURIComponent(next)}`), { replace: true });
      }
      return 'Your session has expired. Please sign in again.';
    }
    return error.message;
  }
  console.error(error);
  return 'Something went wrong. Please try again.';
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
