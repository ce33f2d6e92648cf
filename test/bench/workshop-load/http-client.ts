/**
 * One simulated browser for the workshop load benchmark: its own cookie jar, the CSRF token of its
 * session sent on every state-changing request, the site's Origin (what a browser sends), and every
 * call timed. Real HTTP to the real server; nothing is mocked.
 */

export interface Answer<T = unknown> {
  status: number;
  ok: boolean;
  body: T;
  ms: number;
}

export class BrowserClient {
  readonly base: string;
  readonly name: string;
  #cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(base: string, name: string) {
    this.base = base;
    this.name = name;
  }

  get cookieHeader(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async call<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer<T>> {
    const headers: Record<string, string> = { accept: 'application/json', origin: this.base };
    if (this.#cookies.size) headers.cookie = this.cookieHeader;
    if (method === 'POST') {
      headers['content-type'] = 'application/json';
      if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    }
    const started = performance.now();
    const response = await fetch(`${this.base}${path}`, { method, headers, body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined, redirect: 'manual' });
    this.#remember(response);
    const text = await response.text();
    const ms = performance.now() - started;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (CSV, an HTML error page): kept as text.
    }
    return { status: response.status, ok: response.ok, body: parsed as T, ms };
  }

  #remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq < 0) continue;
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a)) || value === '';
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
}

/** The message of an error answer, whichever error shape the route uses. */
export function errorText(answer: Answer): string {
  const body = answer.body as { error?: { code?: string; message?: string }; __type?: string; message?: string } | string | undefined;
  if (typeof body === 'string') return `HTTP ${answer.status}: ${body.slice(0, 200)}`;
  const code = body?.error?.code ?? body?.__type ?? '';
  const message = body?.error?.message ?? body?.message ?? '';
  return `HTTP ${answer.status} ${code}: ${message}`.trim();
}
