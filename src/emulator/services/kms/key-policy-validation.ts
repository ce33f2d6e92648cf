/**
 * What KMS checks when a key policy is written (CreateKey, PutKeyPolicy): size, the characters a
 * key policy may hold, JSON and policy grammar, that every statement names principals that exist,
 * and — unless BypassPolicyLockoutSafetyCheck — that the caller could change the policy again.
 */
import type { RequestContext } from '../../core/context.ts';
import type { IamState } from '../iam/state.ts';
import { namedAwsPrincipals, parseResourcePolicy, PolicyParseError, policyAllows, type ParsedPolicy } from '../resource-policy/resource-policy.ts';
import { callerOf, kmsError } from './common.ts';

export const KEY_POLICY_MAX_BYTES = 32_768;

/** Tab, LF, CR, printable ASCII and printable Latin-1 — what the KMS API reference allows. */
const DISALLOWED_CHARACTER = /[^\t\n\r\x20-\x7e\xa0-\xff]/;

const INVALID_PRINCIPALS = 'Policy contains a statement with one or more invalid principals.';
const LOCKOUT = 'The new key policy will not allow you to update the key policy in the future.';

function malformed(message: string) {
  return kmsError('MalformedPolicyDocumentException', message);
}

const AWS_PRINCIPAL = /^(\*|\d{12}|arn:aws[a-z-]*:iam::(\d{12}):(root|user\/.+|role\/.+|federated-user\/.+)|arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/[^/]+\/.+)$/;

/** The caller's IAM state; none when the account has no IAM entities yet (or IAM is not served). */
function iamStateOf(ctx: RequestContext): IamState | undefined {
  try {
    return ctx.peekStateOf<IamState>('iam', ctx.accountId);
  } catch {
    return undefined;
  }
}

/** AWS principals must be well-formed, and users and roles of the caller's own account must exist. */
function checkPrincipals(ctx: RequestContext, policy: ParsedPolicy): void {
  let iam: IamState | undefined;
  for (const { value } of namedAwsPrincipals(policy)) {
    const m = AWS_PRINCIPAL.exec(value);
    if (!m) throw malformed(INVALID_PRINCIPALS);
    const [, , account, resource] = m;
    if (account !== ctx.accountId || !resource || resource === 'root') continue;
    iam ??= iamStateOf(ctx);
    // An account without IAM state has no users or roles: a user or role principal cannot exist.
    if (!iam) throw malformed(INVALID_PRINCIPALS);
    const name = resource.slice(resource.lastIndexOf('/') + 1);
    if (resource.startsWith('user/') && !iam.users.has(name)) throw malformed(INVALID_PRINCIPALS);
    if (resource.startsWith('role/') && !iam.roles.has(name)) throw malformed(INVALID_PRINCIPALS);
  }
  for (const st of policy.statements) {
    for (const p of [st.principal, st.notPrincipal]) {
      if (!p || p === '*') continue;
      for (const service of p.Service ?? []) if (!/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(service)) throw malformed(INVALID_PRINCIPALS);
    }
  }
}

/** Throws KMS's error when `text` cannot be the key policy of `keyArn` for this caller. */
export function validateKeyPolicy(ctx: RequestContext, text: string, keyArn: string, bypassLockoutCheck: boolean): void {
  if (Buffer.byteLength(text, 'utf8') > KEY_POLICY_MAX_BYTES) {
    throw kmsError('LimitExceededException', `The key policy is ${Buffer.byteLength(text, 'utf8')} bytes long; a key policy can be at most ${KEY_POLICY_MAX_BYTES} bytes.`);
  }
  const bad = DISALLOWED_CHARACTER.exec(text);
  if (bad) {
    throw malformed(`The key policy contains a character KMS does not accept (U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at offset ${bad.index}); use printable ASCII or Latin-1 characters, tab, line feed and carriage return only.`);
  }
  let policy: ParsedPolicy;
  try {
    policy = parseResourcePolicy(text, { requirePrincipal: true });
  } catch (error) {
    if (!(error instanceof PolicyParseError)) throw error;
    if (error.problem.kind === 'invalid-principal') throw malformed(INVALID_PRINCIPALS);
    if (error.problem.kind === 'json') throw malformed('The key policy is not a valid JSON document.');
    if (error.problem.kind === 'no-principal') throw malformed(`Each statement of a key policy needs a Principal; ${error.message}.`);
    throw malformed(`The key policy is not a valid policy document: ${error.message}.`);
  }
  checkPrincipals(ctx, policy);
  if (!bypassLockoutCheck && !policyAllows(policy, callerOf(ctx.principal), 'kms:PutKeyPolicy', keyArn)) throw malformed(LOCKOUT);
}
