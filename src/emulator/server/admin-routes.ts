/**
 * The emulator's own endpoints (not AWS APIs):
 *   GET|HEAD /_localstack/health         LocalStack-format health report
 *   GET      /_mlsec/status              version, accounts, persistence state
 *   POST     /_mlsec/reset[?account=ID]  forget one account's state (or every account's)
 *   POST     /_mlsec/accounts            {"accountId"?} → root credentials for a (new) account
 *   GET      /_mlsec/explain             why calls were allowed or denied (IAM enforcement; enforcement/explain-route.ts)
 * When an admin token is configured (MLSEC_EMULATOR_ADMIN_TOKEN) the /_mlsec routes require it as
 * `Authorization: Bearer <token>`; workshops that verify signatures should set one.
 */
import { timingSafeEqual } from 'node:crypto';
import type { WireRequest, WireResponse } from '../protocols/wire.ts';

export interface AdminApi {
  health(): string;
  status(): Record<string, unknown>;
  reset(accountId?: string): Promise<{ accounts: string[] }>;
  createAccount(accountId?: string): { accountId: string; accessKeyId: string; secretAccessKey: string };
  /** GET /_mlsec/explain (IAM enforcement's decisions). */
  explain(request: WireRequest): WireResponse;
  readonly adminToken: string | undefined;
}

function json(status: number, value: unknown): WireResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

function problem(status: number, message: string): WireResponse {
  return json(status, { error: message });
}

function authorized(request: WireRequest, token: string | undefined): boolean {
  if (!token) return true;
  const given = (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Answers an emulator route, or returns undefined when the request is an AWS call. */
export async function adminRoute(request: WireRequest, api: AdminApi): Promise<WireResponse | undefined> {
  const { path, method } = request;
  if (path === '/_localstack/health' || path === '/_localstack/health/') {
    if (method !== 'GET' && method !== 'HEAD') return problem(405, `${method} is not supported on ${path}; use GET or HEAD.`);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: method === 'HEAD' ? '' : api.health() };
  }
  if (!path.startsWith('/_mlsec/')) return undefined;
  if (!authorized(request, api.adminToken)) return problem(401, 'This emulator requires its admin token for /_mlsec routes: send "Authorization: Bearer <MLSEC_EMULATOR_ADMIN_TOKEN>".');
  switch (path) {
    case '/_mlsec/status':
      return method === 'GET' ? json(200, api.status()) : problem(405, 'Use GET /_mlsec/status.');
    case '/_mlsec/reset': {
      if (method !== 'POST') return problem(405, 'Use POST /_mlsec/reset (optionally ?account=<12-digit id>).');
      const account = request.query.get('account')?.[0];
      if (account !== undefined && !/^\d{12}$/.test(account)) return problem(400, `account=${account} is not a 12-digit AWS account id.`);
      return json(200, { reset: (await api.reset(account)).accounts });
    }
    case '/_mlsec/accounts': {
      if (method !== 'POST') return problem(405, 'Use POST /_mlsec/accounts with an optional JSON body {"accountId": "123456789012"}.');
      let accountId: string | undefined;
      if (request.body.length) {
        try {
          accountId = (JSON.parse(request.body.toString('utf8')) as { accountId?: string }).accountId;
        } catch {
          return problem(400, 'The body must be JSON, e.g. {"accountId": "123456789012"}.');
        }
      }
      if (accountId !== undefined && !/^\d{12}$/.test(String(accountId))) return problem(400, `accountId "${accountId}" is not a 12-digit AWS account id.`);
      return json(201, api.createAccount(accountId));
    }
    case '/_mlsec/explain':
      return api.explain(request);
    default:
      return problem(404, `No emulator route ${path}. Routes: /_localstack/health, /_mlsec/status, /_mlsec/reset, /_mlsec/accounts, /_mlsec/explain.`);
  }
}
