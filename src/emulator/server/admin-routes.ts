/**
 * The emulator's own endpoints (not AWS APIs):
 *   GET|HEAD /_localstack/health         LocalStack-format health report
 *   GET      /_mlsec/status              version, accounts, persistence state
 *   POST     /_mlsec/reset[?account=ID]  forget one account's state (or every account's)
 *   POST     /_mlsec/accounts            {"accountId"?} → root credentials for a (new) account
 *   GET      /_mlsec/explain             why calls were allowed or denied (IAM enforcement; enforcement/explain-route.ts)
 *   POST     /_mlsec/tenants             {"accountId"?, "label"?} → a strict tenant account and its root keys
 *   GET      /_mlsec/tenants             the strict tenant accounts (no secrets)
 *   DELETE   /_mlsec/tenants/<id>        forget a tenant account and everything in it → what was removed
 *   GET      /_mlsec/tls                 {"httpsUrl", "caCertificate"}: the HTTPS address and the CA to trust
 * When an admin token is configured (MLSEC_EMULATOR_ADMIN_TOKEN) the /_mlsec routes require it as
 * `Authorization: Bearer <token>`; workshops that verify signatures should set one.
 */
import { timingSafeEqual } from 'node:crypto';
import type { TenantCredentials, TenantSummary } from '../auth/tenant-accounts.ts';
import { TenantConflictError } from '../auth/tenant-accounts.ts';
import type { WireRequest, WireResponse } from '../protocols/wire.ts';

/** Strict tenant accounts (auth/tenant-accounts.ts). */
export interface TenantAdminApi {
  create(request: { accountId?: string; label?: string }): TenantCredentials;
  list(): TenantSummary[];
  /** Undefined when the account is not a tenant. */
  remove(accountId: string): Promise<{ accountId: string; removed: string[] } | undefined>;
}

export interface AdminApi {
  health(): string;
  status(): Record<string, unknown>;
  reset(accountId?: string): Promise<{ accounts: string[] }>;
  createAccount(accountId?: string): { accountId: string; accessKeyId: string; secretAccessKey: string };
  /** GET /_mlsec/explain (IAM enforcement's decisions). */
  explain(request: WireRequest): WireResponse;
  readonly tenants?: TenantAdminApi;
  /** The HTTPS side of the port and its CA certificate (PEM), when HTTPS is on. */
  tls?(): { httpsUrl: string; caCertificate: string; caCertificatePath?: string } | undefined;
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
    case '/_mlsec/tls': {
      if (method !== 'GET') return problem(405, 'Use GET /_mlsec/tls.');
      const tls = api.tls?.();
      return tls ? json(200, tls) : problem(404, 'This emulator serves plain HTTP only (MLSEC_EMULATOR_HTTPS=0).');
    }
    default:
      if (api.tenants && (path === '/_mlsec/tenants' || path.startsWith('/_mlsec/tenants/'))) return tenantRoute(request, api.tenants);
      return problem(404, `No emulator route ${path}. Routes: /_localstack/health, /_mlsec/status, /_mlsec/reset, /_mlsec/accounts, /_mlsec/explain, /_mlsec/tenants.`);
  }
}

const ACCOUNT_ID = /^\d{12}$/;
const LABEL_LIMIT = 200;

async function tenantRoute(request: WireRequest, tenants: TenantAdminApi): Promise<WireResponse> {
  const { path, method } = request;
  if (path === '/_mlsec/tenants' || path === '/_mlsec/tenants/') {
    if (method === 'GET') return json(200, { tenants: tenants.list() });
    if (method !== 'POST') return problem(405, 'Use POST /_mlsec/tenants to create a tenant account (optional JSON body {"accountId": "123456789012", "label": "…"}), GET to list them.');
    let body: { accountId?: unknown; label?: unknown } = {};
    if (request.body.length) {
      try {
        body = JSON.parse(request.body.toString('utf8')) as typeof body;
      } catch {
        return problem(400, 'The body must be JSON, e.g. {"label": "workshop w1, learner l7"}.');
      }
      if (!body || typeof body !== 'object' || Array.isArray(body)) return problem(400, 'The body must be a JSON object, e.g. {"label": "workshop w1, learner l7"}.');
    }
    if (body.accountId !== undefined && !(typeof body.accountId === 'string' && ACCOUNT_ID.test(body.accountId))) {
      return problem(400, `accountId ${JSON.stringify(body.accountId)} is not a 12-digit AWS account id (as a string). Omit it to get a new random account.`);
    }
    if (body.label !== undefined && !(typeof body.label === 'string' && body.label.length <= LABEL_LIMIT)) {
      return problem(400, `label must be a string of at most ${LABEL_LIMIT} characters.`);
    }
    try {
      return json(201, tenants.create({ accountId: body.accountId as string | undefined, label: body.label as string | undefined }));
    } catch (error) {
      if (error instanceof TenantConflictError) return problem(409, error.message);
      throw error;
    }
  }
  const id = path.slice('/_mlsec/tenants/'.length).replace(/\/$/, '');
  if (!ACCOUNT_ID.test(id)) return problem(400, `"${id}" is not a 12-digit AWS account id: use DELETE /_mlsec/tenants/<account id>.`);
  if (method !== 'DELETE') return problem(405, `Use DELETE /_mlsec/tenants/${id} to remove the tenant account and everything in it.`);
  const result = await tenants.remove(id);
  if (!result) return problem(404, `Account ${id} is not a tenant account of this emulator (GET /_mlsec/tenants lists them). Other accounts are reset with POST /_mlsec/reset?account=${id}.`);
  return json(200, result);
}
