/** Small typed HTTP calls for tests: JSON in, status + JSON out, cookies kept per client. */
export interface JsonResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class HttpClient {
  private cookie = '';
  private readonly base: string;
  constructor(base: string) {
    this.base = base;
  }

  /** The session cookie this client holds, as a Cookie header value ('' when none). */
  get cookieHeader(): string {
    return this.cookie;
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<JsonResponse<T>> {
    const res = await fetch(new URL(path, this.base), {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const text = await res.text();
    return {
      status: res.status,
      body: text ? safeJson(text) : undefined,
      headers: res.headers,
    } as JsonResponse<T>;
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }

  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
