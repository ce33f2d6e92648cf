/**
 * What Organizations accepts as a policy's Content. SCPs use the IAM policy language without
 * Principal and NotPrincipal (AWS has allowed conditions, resource ARNs, NotAction and NotResource
 * in Allow statements since September 2025); tag policies must be one JSON object. Every grammar
 * problem gets AWS's one MalformedPolicyDocumentException message; `scpProblem` says which rule
 * failed, for tests and logs.
 */
import { AwsServiceError } from '../../core/errors.ts';
import { constraintViolation } from './common.ts';
import { duplicateKeys } from './duplicate-keys.ts';
import type { PolicyType } from './state.ts';

/** Maximum size in characters, whitespace included (AWS raised the SCP quota from 5,120 on 2026-05-15). */
export const MAX_CONTENT_CHARACTERS: Readonly<Record<PolicyType, number>> = { SERVICE_CONTROL_POLICY: 10_240, TAG_POLICY: 10_000 };

const TOP_ELEMENTS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const ACTION = /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/;
const SID = /^[A-Za-z0-9]*$/;

export function malformedPolicy(): AwsServiceError {
  return new AwsServiceError('MalformedPolicyDocumentException', 'The provided policy document does not meet the requirements of the specified policy type.');
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, check: (item: string) => boolean): boolean {
  const items = Array.isArray(value) ? value : [value];
  return items.length > 0 && items.every((item) => typeof item === 'string' && check(item));
}

/** The first SCP grammar rule `content` breaks, or undefined when it is a valid SCP. */
export function scpProblem(content: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return 'the content is not one JSON object';
  }
  if (!isObject(doc)) return 'the content is not one JSON object';
  const duplicates = duplicateKeys(content);
  if (duplicates.length) return `an element appears twice: ${duplicates.join(', ')}`;
  for (const key of Object.keys(doc)) if (!TOP_ELEMENTS.has(key)) return `unknown top-level element ${key}`;
  if ('Version' in doc && doc.Version !== '2012-10-17' && doc.Version !== '2008-10-17') return 'Version must be 2012-10-17 or 2008-10-17';
  if ('Id' in doc && typeof doc.Id !== 'string') return 'Id must be a string';
  if (!('Statement' in doc)) return 'Statement is missing';
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  if (statements.length === 0) return 'Statement is empty';
  const sids = new Set<string>();
  for (const [i, s] of statements.entries()) {
    const at = `Statement[${i}]`;
    if (!isObject(s)) return `${at} is not an object`;
    if ('Principal' in s || 'NotPrincipal' in s) return `${at}: SCPs do not support Principal or NotPrincipal`;
    for (const key of Object.keys(s)) if (!STATEMENT_ELEMENTS.has(key)) return `${at}: unknown element ${key}`;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return `${at}.Effect must be Allow or Deny`;
    if (('Action' in s) === ('NotAction' in s)) return `${at} needs exactly one of Action and NotAction`;
    const actions = s.Action ?? s.NotAction;
    if (!stringList(actions, (a) => ACTION.test(a))) return `${at}: actions must look like service:Action (wildcards allowed) or *`;
    if ('Resource' in s && 'NotResource' in s) return `${at} may not have both Resource and NotResource`;
    const resources = s.Resource ?? s.NotResource;
    if (resources !== undefined && !stringList(resources, (r) => r === '*' || r.startsWith('arn:'))) return `${at}: resources must be ARNs or *`;
    if ('Sid' in s) {
      if (typeof s.Sid !== 'string' || !SID.test(s.Sid)) return `${at}.Sid may only hold letters and digits`;
      if (s.Sid && sids.has(s.Sid)) return `${at}.Sid ${s.Sid} is not unique`;
      sids.add(s.Sid);
    }
    if ('Condition' in s) {
      if (!isObject(s.Condition)) return `${at}.Condition must be an object`;
      for (const [operator, block] of Object.entries(s.Condition)) {
        if (!isObject(block) || Object.keys(block).length === 0) return `${at}.Condition.${operator} must map condition keys to values`;
        for (const value of Object.values(block)) {
          const values = Array.isArray(value) ? value : [value];
          if (!values.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) return `${at}.Condition.${operator}: values must be strings, numbers or booleans`;
        }
      }
    }
  }
  return undefined;
}

/** Throws AWS's error when `content` is not acceptable for `type` (size first, then grammar). */
export function checkPolicyContent(type: PolicyType, content: string): void {
  if (content.length > MAX_CONTENT_CHARACTERS[type]) throw constraintViolation('POLICY_CONTENT_LIMIT_EXCEEDED', 'You have exceeded the maximum policy size.');
  if (type === 'SERVICE_CONTROL_POLICY') {
    if (scpProblem(content) !== undefined) throw malformedPolicy();
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    throw malformedPolicy();
  }
  if (!isObject(doc) || duplicateKeys(content).length) throw malformedPolicy();
}
