/**
 * Resource policies as KMS key policies and Secrets Manager secret policies use them: the JSON
 * grammar both services check on write, who a statement names, and two questions the services
 * answer before the IAM policy engine (src/emulator/policy/, issue 4) takes over enforcement:
 *
 * - does the policy let this caller perform this action (KMS's lockout safety check, cross-account
 *   use of a key or secret)? Conditions are not evaluated here: a conditional Allow counts as
 *   allowing and a conditional Deny as not applying, so these checks never refuse what the real
 *   evaluation could allow.
 * - is the policy public (Secrets Manager's BlockPublicPolicy)?
 *
 * The documents themselves are stored exactly as the caller wrote them.
 */

type Json = Record<string, unknown>;

export interface PolicyStatement {
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  /** `*` for `"Principal": "*"`; otherwise the values by kind (AWS, Service, Federated, CanonicalUser). */
  readonly principal?: '*' | Readonly<Record<string, readonly string[]>>;
  readonly notPrincipal?: '*' | Readonly<Record<string, readonly string[]>>;
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export interface ParsedPolicy {
  readonly version?: string;
  readonly id?: string;
  readonly statements: readonly PolicyStatement[];
}

/** Why a document is not a policy; each service words these its own way. */
export type PolicyProblem =
  | { kind: 'json' }
  | { kind: 'structure'; detail: string }
  | { kind: 'no-principal'; index: number }
  | { kind: 'invalid-principal'; index: number; value: string };

export class PolicyParseError extends Error {
  readonly problem: PolicyProblem;
  constructor(problem: PolicyProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const TOP_KEYS = new Set(['Version', 'Id', 'Statement']);
const PRINCIPAL_KINDS = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

function fail(problem: PolicyProblem, message: string): never {
  throw new PolicyParseError(problem, message);
}

function stringList(value: unknown, where: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return fail({ kind: 'structure', detail: where }, `${where} must be a string or a list of strings`);
}

function principalOf(value: unknown, index: number): '*' | Record<string, string[]> {
  if (value === '*') return '*';
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return fail({ kind: 'structure', detail: 'Principal' }, `statement ${index + 1}: Principal must be "*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}`);
  }
  const out: Record<string, string[]> = {};
  for (const [kind, values] of Object.entries(value as Json)) {
    if (!PRINCIPAL_KINDS.has(kind)) fail({ kind: 'invalid-principal', index, value: kind }, `statement ${index + 1}: unknown principal type ${kind}`);
    out[kind] = stringList(values, `statement ${index + 1}: Principal.${kind}`);
  }
  return out;
}

/** Parses a resource policy document; throws PolicyParseError naming the first problem. */
export function parseResourcePolicy(text: string, options: { requirePrincipal: boolean }): ParsedPolicy {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail({ kind: 'json' }, 'the policy is not valid JSON');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) fail({ kind: 'structure', detail: 'document' }, 'the policy must be a JSON object');
  const top = doc as Json;
  for (const key of Object.keys(top)) if (!TOP_KEYS.has(key)) fail({ kind: 'structure', detail: key }, `unknown top-level element ${key}`);
  if (top.Version !== undefined && top.Version !== '2012-10-17' && top.Version !== '2008-10-17') {
    fail({ kind: 'structure', detail: 'Version' }, 'Version must be "2012-10-17" or "2008-10-17"');
  }
  const raw = top.Statement;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : undefined;
  if (!list || list.length === 0) fail({ kind: 'structure', detail: 'Statement' }, 'the policy needs a Statement');
  const statements = list.map((s, index): PolicyStatement => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return fail({ kind: 'structure', detail: 'Statement' }, `statement ${index + 1} must be an object`);
    const st = s as Json;
    for (const key of Object.keys(st)) if (!STATEMENT_KEYS.has(key)) fail({ kind: 'structure', detail: key }, `statement ${index + 1}: unknown element ${key}`);
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') fail({ kind: 'structure', detail: 'Effect' }, `statement ${index + 1}: Effect must be "Allow" or "Deny"`);
    if ('Action' in st && 'NotAction' in st) fail({ kind: 'structure', detail: 'Action' }, `statement ${index + 1}: Action and NotAction cannot both be present`);
    if ('Resource' in st && 'NotResource' in st) fail({ kind: 'structure', detail: 'Resource' }, `statement ${index + 1}: Resource and NotResource cannot both be present`);
    if ('Principal' in st && 'NotPrincipal' in st) fail({ kind: 'structure', detail: 'Principal' }, `statement ${index + 1}: Principal and NotPrincipal cannot both be present`);
    if (options.requirePrincipal && !('Principal' in st) && !('NotPrincipal' in st)) fail({ kind: 'no-principal', index }, `statement ${index + 1} has no Principal`);
    if ('Sid' in st && typeof st.Sid !== 'string') fail({ kind: 'structure', detail: 'Sid' }, `statement ${index + 1}: Sid must be a string`);
    let condition: Record<string, Record<string, string[]>> | undefined;
    if ('Condition' in st) {
      const c = st.Condition;
      if (!c || typeof c !== 'object' || Array.isArray(c)) fail({ kind: 'structure', detail: 'Condition' }, `statement ${index + 1}: Condition must be an object`);
      condition = {};
      for (const [operator, block] of Object.entries(c as Json)) {
        if (!block || typeof block !== 'object' || Array.isArray(block)) fail({ kind: 'structure', detail: 'Condition' }, `statement ${index + 1}: Condition.${operator} must be an object`);
        condition[operator] = {};
        for (const [key, values] of Object.entries(block as Json)) {
          const list = Array.isArray(values) ? values : [values];
          if (!list.every((v) => ['string', 'boolean', 'number'].includes(typeof v))) fail({ kind: 'structure', detail: 'Condition' }, `statement ${index + 1}: Condition.${operator}.${key} must hold strings`);
          condition[operator]![key] = list.map(String);
        }
      }
    }
    return {
      index,
      sid: st.Sid as string | undefined,
      effect: st.Effect as 'Allow' | 'Deny',
      principal: 'Principal' in st ? principalOf(st.Principal, index) : undefined,
      notPrincipal: 'NotPrincipal' in st ? principalOf(st.NotPrincipal, index) : undefined,
      actions: 'Action' in st ? stringList(st.Action, `statement ${index + 1}: Action`) : undefined,
      notActions: 'NotAction' in st ? stringList(st.NotAction, `statement ${index + 1}: NotAction`) : undefined,
      resources: 'Resource' in st ? stringList(st.Resource, `statement ${index + 1}: Resource`) : undefined,
      notResources: 'NotResource' in st ? stringList(st.NotResource, `statement ${index + 1}: NotResource`) : undefined,
      condition,
    };
  });
  return { version: top.Version as string | undefined, id: typeof top.Id === 'string' ? top.Id : undefined, statements };
}

// ── matching ──────────────────────────────────────────────────────────────────────────────────

const patternCache = new Map<string, RegExp>();

/** IAM wildcard match: `*` any run, `?` one character; case-insensitive for actions. */
export function wildcardMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  const key = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  let re = patternCache.get(key);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
    if (patternCache.size > 2000) patternCache.clear();
    patternCache.set(key, re);
  }
  return re.test(value);
}

function matchesAction(st: PolicyStatement, action: string): boolean {
  if (st.actions) return st.actions.some((a) => wildcardMatch(a, action, true));
  if (st.notActions) return !st.notActions.some((a) => wildcardMatch(a, action, true));
  return false;
}

function matchesResource(st: PolicyStatement, resource: string): boolean {
  // Key policies may omit Resource (the statement then has no effect on AWS, but KMS accepts it).
  if (st.resources) return st.resources.some((r) => wildcardMatch(r, resource));
  if (st.notResources) return !st.notResources.some((r) => wildcardMatch(r, resource));
  return false;
}

/** The caller as a resource policy can name it. */
export interface PolicyCaller {
  readonly accountId: string;
  /** The principal's ARN (user, assumed-role session or account root). */
  readonly arn: string;
  /** For a role session: the role's ARN. */
  readonly roleArn?: string;
}

function awsValues(p: PolicyStatement['principal']): readonly string[] | '*' {
  if (p === undefined) return [];
  if (p === '*') return '*';
  return p.AWS ?? [];
}

/**
 * Whether a principal element names the caller. In Principal, naming an account (its id or :root
 * ARN) covers every principal of that account (AWS then delegates to their IAM policies); in
 * NotPrincipal it exempts only the root user itself, as AWS documents for NotPrincipal.
 */
function namesCaller(p: PolicyStatement['principal'], caller: PolicyCaller, accountCoversAll: boolean): boolean {
  const values = awsValues(p);
  if (values === '*') return true;
  const root = `arn:aws:iam::${caller.accountId}:root`;
  return values.some((v) => {
    if (v === '*' || v === caller.arn) return true;
    if (v === caller.accountId || v === root) return accountCoversAll || caller.arn === root;
    return caller.roleArn !== undefined && (v === caller.roleArn || roleWithoutPath(v) === roleWithoutPath(caller.roleArn));
  });
}

function roleWithoutPath(arn: string): string {
  const m = /^(arn:[^:]+:iam::\d{12}:role\/)(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? `${m[1]}${m[2]}` : arn;
}

function appliesTo(st: PolicyStatement, caller: PolicyCaller): boolean {
  if (st.principal !== undefined) return namesCaller(st.principal, caller, true);
  if (st.notPrincipal !== undefined) return !namesCaller(st.notPrincipal, caller, false);
  return false;
}

/**
 * Whether the policy lets `caller` perform `action` on `resource`: an applicable unconditional
 * Deny refuses; otherwise any applicable Allow (conditions not evaluated) allows.
 * Naming the caller's account (its id or `:root` ARN) counts as allowing: AWS then delegates to
 * the caller's IAM policies, which the emulator enforces only when IAM enforcement is on.
 */
export function policyAllows(policy: ParsedPolicy, caller: PolicyCaller, action: string, resource: string): boolean {
  let allowed = false;
  for (const st of policy.statements) {
    if (!appliesTo(st, caller) || !matchesAction(st, action) || !matchesResource(st, resource)) continue;
    if (st.effect === 'Deny' && !st.condition) return false;
    if (st.effect === 'Allow') allowed = true;
  }
  return allowed;
}

/** Whether an unconditional Deny of `action` on `resource` applies to `caller`. */
export function policyDenies(policy: ParsedPolicy, caller: PolicyCaller, action: string, resource: string): boolean {
  return policy.statements.some((st) => st.effect === 'Deny' && !st.condition && appliesTo(st, caller) && matchesAction(st, action) && matchesResource(st, resource));
}

/** Every principal ARN the policy names under "AWS" (for existence checks). */
export function namedAwsPrincipals(policy: ParsedPolicy): { index: number; value: string }[] {
  const out: { index: number; value: string }[] = [];
  for (const st of policy.statements) {
    for (const p of [st.principal, st.notPrincipal]) {
      const values = awsValues(p);
      if (values === '*') continue;
      for (const value of values) out.push({ index: st.index, value });
    }
  }
  return out;
}

/**
 * Condition keys that tie a statement to known callers or networks when compared with a fixed
 * value (no wildcard); a wildcard-principal Allow without one of them is public. This is the rule
 * S3 documents for "public" bucket policies, which Secrets Manager's BlockPublicPolicy follows.
 */
const RESTRICTING_KEYS = new Set([
  'aws:principalaccount', 'aws:principalarn', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:sourceaccount', 'aws:sourcearn',
  'aws:sourceowner', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:userid', 'aws:principalservicename', 'kms:calleraccount',
]);
const FIXED_OPERATORS = /^(StringEquals|StringEqualsIgnoreCase|ArnEquals|StringLike|ArnLike)(IfExists)?$/;

function restricted(condition: PolicyStatement['condition']): boolean {
  if (!condition) return false;
  for (const [operator, block] of Object.entries(condition)) {
    const bare = operator.replace(/^(ForAnyValue|ForAllValues):/, '');
    if (!FIXED_OPERATORS.test(bare)) continue;
    for (const [key, values] of Object.entries(block)) {
      if (RESTRICTING_KEYS.has(key.toLowerCase()) && values.length > 0 && values.every((v) => !v.includes('*') && !v.includes('?'))) return true;
    }
  }
  return false;
}

/** Whether any Allow statement grants a wildcard principal without a restricting condition. */
export function isPublicPolicy(policy: ParsedPolicy): boolean {
  return policy.statements.some((st) => {
    if (st.effect !== 'Allow') return false;
    const wildcard = st.notPrincipal !== undefined || awsValues(st.principal) === '*' || (awsValues(st.principal) as readonly string[]).includes('*');
    return wildcard && !restricted(st.condition);
  });
}
