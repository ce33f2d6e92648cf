/**
 * Helpers for the workshop API tests: the built site on a private emulator with its own data
 * directory and test-sized rate limits, a cookie-keeping HTTP client per person, and the
 * instructor CLI run against the site's database.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsTarget, type AwsTarget } from '../../support/aws-target.ts';
import { projectRoot, startBuiltSite, type RunningSite } from '../support/built-site.ts';

export interface WorkshopSite {
  url: string;
  dataDir: string;
  target: AwsTarget;
  stop(): Promise<void>;
}

export async function startWorkshopSite(extraEnv: Record<string, string> = {}): Promise<WorkshopSite | undefined> {
  const target = await startAwsTarget();
  if (!target) return undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'mlsec-workshops-'));
  const site: RunningSite = await startBuiltSite({
    env: {
      MLSEC_DATA_DIR: dataDir,
      MLSEC_TARGET: target.kind === 'embedded emulator' ? 'embedded' : 'endpoint',
      MLSEC_ENDPOINT: target.url,
      MLSEC_EMBEDDED: 'attach',
      MLSEC_REGION: 'us-east-1',
      ...extraEnv,
    },
  });
  return {
    url: site.url,
    dataDir,
    target,
    async stop() {
      await site.stop();
      await target.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `npm run instructor -- …` on the site's database; the password goes in on stdin. */
export function instructorCli(dataDir: string, args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/instructor.ts', ...args], { cwd: projectRoot, env: { ...process.env, MLSEC_DATA_DIR: dataDir }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  data: any;
  setCookies: string[];
}

/** One person's browser: keeps cookies, sends JSON, and (when it has one) the CSRF token. */
export class Person {
  cookies = new Map<string, string>();
  csrf = '';
  readonly base: () => string;
  constructor(base: () => string) {
    this.base = base;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const response = await fetch(`${this.base()}${path}`, {
      method,
      headers: {
        ...(this.cookies.size ? { cookie: this.cookieHeader } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookies = response.headers.getSetCookie();
    for (const c of setCookies) {
      const [pair] = c.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      if (value === '' || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    return { status: response.status, headers: response.headers, text, data, setCookies };
  }

  get = (path: string, headers?: Record<string, string>) => this.call('GET', path, undefined, headers);
  post = (path: string, body: unknown = {}, headers?: Record<string, string>) => this.call('POST', path, body, headers);

  /** The first `event: <name>` of a server-sent event stream, parsed. */
  async firstEvent(path: string, name: string): Promise<{ status: number; data?: any; text: string }> {
    const controller = new AbortController();
    const response = await fetch(`${this.base()}${path}`, { headers: this.cookies.size ? { cookie: this.cookieHeader } : {}, signal: controller.signal });
    if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      const text = await response.text();
      return { status: response.status, text };
    }
    const reader = response.body!.getReader();
    let text = '';
    const pattern = new RegExp(`event: ${name}\\ndata: (.*)\\n\\n`);
    while (!pattern.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    return { status: response.status, data: JSON.parse(pattern.exec(text)![1]!), text };
  }
}
