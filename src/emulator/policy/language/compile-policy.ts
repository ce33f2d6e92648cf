/**
 * Parses a JSON policy document once and turns each statement into matchers. The grammar checks
 * are AWS's (Version, Effect, Action xor NotAction, Principal only where the policy type has one,
 * a Resource in identity-side policies); each failure names the element and says how to fix it.
 * Compiled bodies are shared by every policy with the same document text.
 */
import { compileConditionBlock, type CompiledCondition } from '../conditions/compile-condition.ts';
import { PolicyDocumentError } from '../errors.ts';
import type { PolicyType } from '../types.ts';
import { compileActions } from './action-matcher.ts';
import { compilePrincipal, type PrincipalMatcher } from './principal-matcher.ts';
import { compileResources, type ResourceTest } from './resource-matcher.ts';
import type { StringTest } from './wildcard.ts';

export interface CompiledStatement {
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  /** Receives the lower-cased action; already inverted for NotAction. */
  readonly action: StringTest;
  readonly notAction: boolean;
  /** Undefined when the statement has no Resource/NotResource (trust policies): it applies to any resource. */
  readonly resource?: ResourceTest;
  readonly notResource: boolean;
  readonly principal?: PrincipalMatcher;
  readonly notPrincipal: boolean;
  readonly conditions: readonly CompiledCondition[];
}

export interface PolicyBody {
  readonly version: '2012-10-17' | '2008-10-17';
  readonly statements: readonly CompiledStatement[];
  /** Lower-cased context keys read by conditions and variables: what the decision cache must key on. */
  readonly keys: readonly string[];
  /** The same keys as first written in the document (for GetContextKeysFor*Policy and MissingContextValues). */
  readonly keyNames: readonly string[];
}

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const HAS_PRINCIPAL: ReadonlySet<PolicyType> = new Set(['resource', 'rcp']);
const NEEDS_RESOURCE: ReadonlySet<PolicyType> = new Set(['identity', 'permissionsBoundary', 'session']);

const TYPE_NAMES: Record<PolicyType, string> = {
  identity: 'an identity-based policy',
  permissionsBoundary: 'a permissions boundary',
  session: 'a session policy',
  scp: 'a service control policy',
  rcp: 'a resource control policy',
  resource: 'a resource-based policy',
};

function stringList(value: unknown, path: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new PolicyDocumentError(path, 'must not be an empty list.');
  return list.map((v, i) => {
    if (typeof v !== 'string') throw new PolicyDocumentError(Array.isArray(value) ? `${path}[${i}]` : path, 'must be a string or a list of strings.');
    return v;
  });
}

export function parseDocument(document: string | object): Record<string, unknown> {
  let parsed: unknown = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document);
    } catch (error) {
      throw new PolicyDocumentError('', `the policy document is not valid JSON (${(error as Error).message}).`);
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new PolicyDocumentError('', 'the policy document must be a JSON object with "Version" and "Statement".');
  }
  return parsed as Record<string, unknown>;
}

export function compileBody(document: string | object, type: PolicyType): PolicyBody {
  const doc = parseDocument(document);
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL.has(key)) throw new PolicyDocumentError(key, `unknown top-level element; a policy has only Version, Id and Statement.`);
  }
  const versionValue = doc['Version'];
  if (versionValue !== undefined && versionValue !== '2012-10-17' && versionValue !== '2008-10-17') {
    throw new PolicyDocumentError('Version', `"${String(versionValue)}" is not a policy version; use "2012-10-17".`);
  }
  // Without a Version, AWS applies 2008-10-17, in which ${…} is plain text rather than a variable.
  const version = versionValue === '2012-10-17' ? '2012-10-17' : '2008-10-17';
  const variables = version === '2012-10-17';
  const rawStatements = doc['Statement'];
  if (rawStatements === undefined) throw new PolicyDocumentError('Statement', 'the policy has no Statement.');
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  if (list.length === 0) throw new PolicyDocumentError('Statement', 'the policy must have at least one statement.');

  const statements = list.map((raw, index) => compileStatement(raw, index, type, variables, Array.isArray(rawStatements) ? `Statement[${index}]` : 'Statement'));
  // lower-cased key → the spelling first seen
  const keys = new Map<string, string>();
  const add = (name: string) => {
    if (name.includes(':') && !keys.has(name.toLowerCase())) keys.set(name.toLowerCase(), name);
  };
  const addVariables = (text: string) => {
    if (variables) for (const m of text.matchAll(/\$\{\s*([^},\s]+)/g)) add(m[1]!);
  };
  for (const s of statements) {
    for (const c of s.conditions) {
      add(c.key);
      for (const v of c.values) addVariables(v);
    }
  }
  for (const raw of list) {
    const statement = raw as Record<string, unknown>;
    for (const element of [statement['Resource'], statement['NotResource']]) {
      for (const v of Array.isArray(element) ? element : [element]) if (typeof v === 'string') addVariables(v);
    }
  }
  const sorted = [...keys.keys()].sort();
  return { version, statements, keys: sorted, keyNames: sorted.map((k) => keys.get(k)!) };
}

function compileStatement(raw: unknown, index: number, type: PolicyType, variables: boolean, path: string): CompiledStatement {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new PolicyDocumentError(path, 'a statement must be a JSON object.');
  const s = raw as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    if (!STATEMENT_KEYS.has(key)) throw new PolicyDocumentError(`${path}.${key}`, 'unknown statement element; a statement has Sid, Effect, Action/NotAction, Resource/NotResource, Principal/NotPrincipal and Condition.');
  }
  const sid = s['Sid'];
  if (sid !== undefined && typeof sid !== 'string') throw new PolicyDocumentError(`${path}.Sid`, 'Sid must be a string.');
  const effect = s['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') throw new PolicyDocumentError(`${path}.Effect`, `Effect must be "Allow" or "Deny", not ${JSON.stringify(effect)}.`);

  const hasAction = s['Action'] !== undefined;
  const hasNotAction = s['NotAction'] !== undefined;
  if (hasAction === hasNotAction) throw new PolicyDocumentError(path, 'a statement needs exactly one of Action or NotAction.');
  const actionPath = `${path}.${hasAction ? 'Action' : 'NotAction'}`;
  const actionTest = compileActions(stringList(hasAction ? s['Action'] : s['NotAction'], actionPath), actionPath);

  const hasResource = s['Resource'] !== undefined;
  const hasNotResource = s['NotResource'] !== undefined;
  if (hasResource && hasNotResource) throw new PolicyDocumentError(path, 'a statement cannot have both Resource and NotResource.');
  if (!hasResource && !hasNotResource && NEEDS_RESOURCE.has(type)) {
    throw new PolicyDocumentError(path, `a statement in ${TYPE_NAMES[type]} must contain a Resource or NotResource (use "*" for all resources).`);
  }
  let resource: ResourceTest | undefined;
  if (hasResource || hasNotResource) {
    const resourcePath = `${path}.${hasResource ? 'Resource' : 'NotResource'}`;
    resource = compileResources(stringList(hasResource ? s['Resource'] : s['NotResource'], resourcePath), variables, resourcePath).test;
  }

  const hasPrincipal = s['Principal'] !== undefined;
  const hasNotPrincipal = s['NotPrincipal'] !== undefined;
  if (hasPrincipal && hasNotPrincipal) throw new PolicyDocumentError(path, 'a statement cannot have both Principal and NotPrincipal.');
  if ((hasPrincipal || hasNotPrincipal) && !HAS_PRINCIPAL.has(type)) {
    throw new PolicyDocumentError(`${path}.${hasPrincipal ? 'Principal' : 'NotPrincipal'}`, `${TYPE_NAMES[type]} must not name a principal; it applies to the identity it is attached to.`);
  }
  if (!hasPrincipal && !hasNotPrincipal && HAS_PRINCIPAL.has(type)) {
    throw new PolicyDocumentError(path, `a statement in ${TYPE_NAMES[type]} must have a Principal or NotPrincipal (for example "Principal": {"AWS": "arn:aws:iam::123456789012:root"}).`);
  }
  const principal = hasPrincipal || hasNotPrincipal ? compilePrincipal(hasPrincipal ? s['Principal'] : s['NotPrincipal'], `${path}.${hasPrincipal ? 'Principal' : 'NotPrincipal'}`) : undefined;

  const conditions = s['Condition'] === undefined ? [] : compileConditionBlock(s['Condition'], variables, `${path}.Condition`);
  return {
    index,
    sid: sid as string | undefined,
    effect,
    action: actionTest,
    notAction: hasNotAction,
    resource,
    notResource: hasNotResource,
    principal,
    notPrincipal: hasNotPrincipal,
    conditions,
  };
}
