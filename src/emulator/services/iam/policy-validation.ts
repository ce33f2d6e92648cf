/**
 * IAM's policy grammar checks, with the MalformedPolicyDocument messages AWS returns (in the order
 * IAM applies them: syntax, version, legacy parsing, Sid uniqueness, actions, resources …).
 * Used for identity policies (managed and inline) and role trust policies.
 */
import { AwsServiceError } from '../../core/errors.ts';

export type PolicyKind = 'identity' | 'trust';

const TOP_ELEMENTS = new Set(['Version', 'Id', 'Statement', 'Conditions']);
const STATEMENT_ELEMENTS = new Set(['Sid', 'Action', 'NotAction', 'Resource', 'NotResource', 'Effect', 'Principal', 'NotPrincipal', 'Condition']);
const CONDITION_OPERATORS = new Set([
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
]);
const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
const IAM_RESOURCE_TYPES = ['user/', 'federated-user/', 'role/', 'group/', 'instance-profile/', 'mfa/', 'server-certificate/', 'policy/', 'sms-mfa/', 'saml-provider/', 'oidc-provider/', 'report/', 'access-report/'];
const TRUST_ACTIONS = new Set([
  'sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'sts:DecodeAuthorizationMessage', 'sts:GetAccessKeyInfo',
  'sts:GetCallerIdentity', 'sts:GetFederationToken', 'sts:GetServiceBearerToken', 'sts:GetSessionToken', 'sts:SetSourceIdentity', 'sts:TagSession',
]);

type Json = Record<string, unknown>;

export function malformed(message: string): AwsServiceError {
  return new AwsServiceError('MalformedPolicyDocument', message, { status: 400 });
}

class Invalid extends Error {}
function assert(condition: unknown): asserts condition {
  if (!condition) throw new Invalid();
}

function stripOperator(operator: string): string {
  return operator.replace(/^(ForAnyValue:|ForAllValues:)/, '').replace(/IfExists$/, '');
}

function checkStringOrList(statement: Json, key: string): void {
  if (!(key in statement)) return;
  const v = statement[key];
  assert(typeof v === 'string' || Array.isArray(v));
  if (Array.isArray(v)) for (const item of v) assert(item === null || typeof item === 'string');
}

function checkSyntax(text: string): { policy: Json; statements: Json[] } {
  const policy = JSON.parse(text) as unknown;
  assert(policy && typeof policy === 'object' && !Array.isArray(policy));
  const doc = policy as Json;
  for (const key of Object.keys(doc)) assert(TOP_ELEMENTS.has(key));
  if ('Version' in doc) assert(doc.Version === '2008-10-17' || doc.Version === '2012-10-17');
  if ('Id' in doc) assert(typeof doc.Id === 'string');
  assert('Statement' in doc);
  const raw = doc.Statement;
  assert(raw && typeof raw === 'object');
  const statements = (Array.isArray(raw) ? raw : [raw]) as Json[];
  assert(statements.length > 0);
  for (const s of statements) {
    assert(s && typeof s === 'object' && !Array.isArray(s));
    for (const key of Object.keys(s)) assert(STATEMENT_ELEMENTS.has(key));
    assert(!('Resource' in s && 'NotResource' in s));
    assert(!('Action' in s && 'NotAction' in s));
    assert(typeof s.Effect === 'string' && ['allow', 'deny'].includes(s.Effect.toLowerCase()));
    for (const key of ['Action', 'NotAction', 'Resource', 'NotResource']) checkStringOrList(s, key);
    if ('Condition' in s) {
      const condition = s.Condition;
      assert(condition && typeof condition === 'object' && !Array.isArray(condition));
      for (const [operator, block] of Object.entries(condition as Json)) {
        assert(block && typeof block === 'object' && !Array.isArray(block));
        for (const value of Object.values(block as Json)) assert(typeof value === 'boolean' || typeof value === 'string' || Array.isArray(value));
        if (!CONDITION_OPERATORS.has(stripOperator(operator))) assert(Object.keys(block as Json).length === 0);
      }
    }
    if ('Sid' in s) assert(typeof s.Sid === 'string');
  }
  return { policy: doc, statements };
}

function checkIsoDate(value: string): void {
  const [datePart = '', timePart = ''] = value.toLowerCase().split('t');
  const negative = datePart.startsWith('-');
  const parts = (negative ? datePart.slice(1) : datePart).split('-');
  const year = Number((negative ? '-' : '') + parts[0]);
  assert(Number.isInteger(year) && year >= -292275054 && year <= 292278993);
  if (parts.length > 1) assert(Number(parts[1]) >= 1 && Number(parts[1]) <= 12);
  if (parts.length > 2) assert(Number(parts[2]) >= 1 && Number(parts[2]) <= 31);
  assert(parts.length < 4);
  if (!timePart) return;
  const t = timePart.split(':');
  if (t[0]) assert(Number(t[0]) >= 0 && Number(t[0]) <= 23);
  if (t.length > 1) assert(Number(t[1]) >= 0 && Number(t[1]) <= 59);
  if (t.length > 2) {
    const seconds = t[2]!.replace(/z$/, '').split('+')[0]!.split('.')[0]!;
    assert(Number(seconds) >= 0 && Number(seconds) <= 59);
  }
}

/** IAM's "legacy parsing": case-sensitive Effect, well-formed Date conditions. */
function legacyParse(statements: Json[]): void {
  for (const s of statements) {
    assert(s.Effect === 'Allow' || s.Effect === 'Deny');
    for (const [operator, block] of Object.entries((s.Condition ?? {}) as Json)) {
      if (!stripOperator(operator).startsWith('Date')) continue;
      for (const value of Object.values(block as Json)) {
        for (const v of Array.isArray(value) ? value : [value]) {
          const text = String(v);
          if (/t|-/i.test(text)) checkIsoDate(text);
          else assert(/^\d+$/.test(text));
        }
      }
    }
  }
}

/** The first resource format problem AWS reports, if any ('' when all resources are fine). */
function resourceError(resource: string): string {
  if (resource === '*') return '';
  const first = resource.indexOf(':');
  if (first === -1) return `Resource ${resource} must be in ARN format or "*".`;
  const rest = resource.slice(first + 1);
  const [partition = '', ...parts] = rest.split(':');
  if (partition !== '*' && !PARTITIONS.has(partition)) {
    const pick = (i: number) => (parts[i] !== undefined && (parts[i] !== '' || parts.length > i + 1) ? parts[i] : '*');
    const tail = parts.length > 3 ? parts.slice(3).join(':') : '*';
    return `Partition "${partition}" is not valid for resource "arn:${partition}:${pick(0)}:${pick(1)}:${pick(2)}:${tail}".`;
  }
  if (parts.length === 0) return 'Resource vendor must be fully qualified and cannot contain regexes.';
  const [service = '', region = '', , ...resourceParts] = parts;
  const resourceId = resourceParts.join(':');
  if (service === 'iam' && region !== '') return `IAM resource ${resource} cannot contain region information.`;
  if (service === 's3' && region !== '' && !resourceId.startsWith('accesspoint/')) return `Resource ${resource} can not contain region information.`;
  if (service === 'iam' && !IAM_RESOURCE_TYPES.some((t) => resourceId.startsWith(t))) {
    return `IAM resource path must either be "*" or start with ${IAM_RESOURCE_TYPES.join(', ')}.`;
  }
  return '';
}

function legacyResource(resource: string): void {
  if (resource === '*' || !resource) return;
  assert(resource.split(':').length - 1 >= 5 || !resource.includes('::'));
  assert(resource.split(':')[2] !== '');
}

function actionError(action: string): string {
  const parts = action.split(':');
  if (parts.length === 1 && parts[0] !== '*') return 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';
  if (parts.length > 2) return 'Actions/Condition can contain only one colon.';
  if (parts[0] !== '*' && /[^a-zA-Z0-9\-.]/.test(parts[0]!)) return `Vendor ${parts[0]} is not valid`;
  return '';
}

function listOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** Throws MalformedPolicyDocument with AWS's message when `text` is not a valid policy of `kind`. */
export function validatePolicyDocument(text: string, kind: PolicyKind): void {
  let statements: Json[];
  let policy: Json;
  try {
    ({ policy, statements } = checkSyntax(text));
  } catch {
    throw malformed('Syntax errors in policy.');
  }
  if (policy.Version !== '2012-10-17') throw malformed('Policy document must be version 2012-10-17 or greater.');
  let firstResourceError = '';
  try {
    legacyParse(statements);
    for (const key of ['Resource', 'NotResource']) {
      for (const s of statements) {
        if (!(key in s)) continue;
        const resources = listOf(s[key]).filter(Boolean).sort().reverse();
        for (const r of resources) {
          const problem = resourceError(r);
          if (problem && !firstResourceError) firstResourceError = problem;
        }
        if (!firstResourceError) for (const r of listOf(s[key])) legacyResource(r);
      }
    }
  } catch {
    throw malformed('The policy failed legacy parsing');
  }
  const sids = new Set<string>();
  for (const s of statements) {
    if (typeof s.Sid === 'string' && s.Sid) {
      if (sids.has(s.Sid)) throw malformed('Statement IDs (SID) in a single policy must be unique.');
      sids.add(s.Sid);
    }
  }
  for (const s of statements) {
    const actions = s.Action ?? s.NotAction;
    if (actions === undefined || (Array.isArray(actions) && actions.length === 0)) throw malformed('Policy statement must contain actions.');
  }
  if (firstResourceError) throw malformed(firstResourceError);
  for (const s of statements) {
    for (const a of listOf(s.Action ?? s.NotAction)) {
      const problem = actionError(a);
      if (problem) throw malformed(problem);
    }
  }
  if (kind === 'identity') {
    for (const s of statements) {
      const resources = s.Resource ?? s.NotResource;
      if (resources === undefined || (Array.isArray(resources) && resources.length === 0)) throw malformed('Policy statement must contain resources.');
    }
    if (statements.some((s) => 'Principal' in s || 'NotPrincipal' in s)) throw malformed('Policy document should not specify a principal.');
  } else {
    for (const s of statements) {
      if (!listOf(s.Action ?? []).every((a) => TRUST_ACTIONS.has(a))) {
        throw malformed('Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity');
      }
    }
    if (statements.some((s) => 'Resource' in s || 'NotResource' in s)) throw malformed('Has prohibited field Resource.');
    if (statements.some((s) => !('Principal' in s) && !('NotPrincipal' in s))) throw malformed('Missing required field Principal');
  }
}

/** Characters that count toward IAM's policy size quotas (whitespace is not counted). */
export function policySize(text: string): number {
  return text.replace(/\s/g, '').length;
}
