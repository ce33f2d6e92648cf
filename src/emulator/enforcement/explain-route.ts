/**
 * GET /_mlsec/explain — why calls were allowed or denied:
 *
 *   ?requestId=<id>                 one call (the request id every AWS response carries)
 *   ?accessKeyId=<key>[&limit=N]    the last N decisions for one access key (default 20)
 *   ?account=<12 digits>[&limit=N]  … for one account
 *   (none)                          … for every account
 *   &denied=1                       only denials
 *   &format=text                    readable text instead of JSON (also: Accept: text/plain)
 *
 * With IAM enforcement off nothing is decided: the answer says so and how to turn it on.
 */
import type { WireRequest, WireResponse } from '../protocols/wire.ts';
import type { DecisionLog } from './decision-log.ts';
import { explanationsText, explanationText } from './explain.ts';

const DEFAULT_LIMIT = 20;

function json(status: number, value: unknown): WireResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value, null, 2) };
}

function text(status: number, body: string): WireResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
}

export const ENFORCEMENT_OFF_MESSAGE =
  'IAM enforcement is off: every authenticated call is allowed, so there is nothing to explain. Start the emulator with MLSEC_EMULATOR_ENFORCE_IAM=1 (or ENFORCE_IAM=1, or startEmulator({ enforceIam: true })) to have policies decide.';

export function explainRoute(request: WireRequest, decisions: DecisionLog | undefined): WireResponse {
  if (request.method !== 'GET') return json(405, { error: 'Use GET /_mlsec/explain?requestId=<id> (or ?accessKeyId=…, ?account=…, &limit=N, &denied=1, &format=text).' });
  const param = (name: string) => request.query.get(name)?.[0];
  const asText = param('format') === 'text' || (param('format') === undefined && /^text\/plain/.test(request.headers.accept ?? ''));
  if (!decisions) return asText ? text(200, `${ENFORCEMENT_OFF_MESSAGE}\n`) : json(200, { enforcement: 'off', message: ENFORCEMENT_OFF_MESSAGE, decisions: [] });

  const requestId = param('requestId');
  if (requestId !== undefined) {
    const record = decisions.byRequestId(requestId);
    if (!record) {
      const message = `No decision is recorded for request ${requestId}: it was not an AWS call (or failed before authorization, e.g. a bad signature), or it is older than the last ${decisions.capacity} decisions kept for its account.`;
      return asText ? text(404, `${message}\n`) : json(404, { error: message });
    }
    return asText ? text(200, explanationText(record)) : json(200, { enforcement: 'on', decisions: [record] });
  }
  const account = param('account');
  if (account !== undefined && !/^\d{12}$/.test(account)) return json(400, { error: `account=${account} is not a 12-digit AWS account id.` });
  const limitText = param('limit');
  const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > decisions.capacity) return json(400, { error: `limit=${limitText} must be a whole number from 1 to ${decisions.capacity}.` });
  const records = decisions.recent({ accountId: account, accessKeyId: param('accessKeyId'), deniedOnly: param('denied') === '1' || param('denied') === 'true', limit });
  return asText ? text(200, explanationsText(records)) : json(200, { enforcement: 'on', decisions: records });
}
