/**
 * Compiled policies and the compile cache. `compilePolicy` is what callers use to compile a policy
 * when it is stored (and again when it changes); raw documents handed to `authorize` go through a
 * bounded cache keyed by their text, so a document is parsed once however often it is evaluated.
 */
import { PolicyDocumentError } from '../errors.ts';
import type { CompiledPolicyRef, PolicyInput, PolicyType, ResourcePolicyInput, ResourcePolicyKind } from '../types.ts';
import { compileBody, type PolicyBody } from './compile-policy.ts';

export interface CompiledPolicy extends CompiledPolicyRef {
  readonly type: PolicyType;
  readonly body: PolicyBody;
}

const BODY_CACHE_LIMIT = 2000;
const bodies = new Map<string, PolicyBody>();
const refs = new Map<string, CompiledPolicy>();
let nextId = 1;

function documentText(document: string | object): string {
  return typeof document === 'string' ? document : JSON.stringify(document);
}

function bodyFor(text: string, document: string | object, type: PolicyType): PolicyBody {
  const key = `${type}\u0000${text}`;
  let body = bodies.get(key);
  if (!body) {
    body = compileBody(document, type);
    if (bodies.size >= BODY_CACHE_LIMIT) bodies.clear();
    bodies.set(key, body);
  }
  return body;
}

/**
 * Compiles `input` as a policy of `type`. Throws PolicyDocumentError (path + problem) when the
 * document does not follow the policy grammar.
 */
export function compilePolicy(input: PolicyInput | ResourcePolicyInput, type: PolicyType): CompiledPolicy {
  const body = bodyFor(documentText(input.document), input.document, type);
  return {
    compiled: true,
    id: nextId++,
    type,
    body,
    name: input.name,
    arn: input.arn,
    source: input.source,
    resourceKind: (input as ResourcePolicyInput).kind,
  };
}

/** Same grammar, same use: identity-side policies may be used as each other. */
function grammar(type: PolicyType): string {
  return type === 'resource' || type === 'rcp' ? type : 'identity';
}

/** A compiled policy for `input`, compiling (once per distinct input) when it is raw. */
export function toCompiled(input: PolicyInput | CompiledPolicyRef, type: PolicyType): CompiledPolicy {
  if ('compiled' in input && input.compiled) {
    const policy = input as CompiledPolicy;
    if (grammar(policy.type) !== grammar(type)) {
      throw new PolicyDocumentError('', `policy "${policy.name}" was compiled as ${policy.type} and cannot be used as ${type}; compile it with compilePolicy(input, '${type}').`);
    }
    return policy;
  }
  const raw = input as ResourcePolicyInput;
  const text = documentText(raw.document);
  const key = `${type}\u0000${raw.name}\u0000${raw.arn ?? ''}\u0000${raw.source ?? ''}\u0000${raw.kind ?? ''}\u0000${text}`;
  let ref = refs.get(key);
  if (!ref) {
    ref = { compiled: true, id: nextId++, type, body: bodyFor(text, raw.document, type), name: raw.name, arn: raw.arn, source: raw.source, resourceKind: raw.kind as ResourcePolicyKind | undefined };
    if (refs.size >= BODY_CACHE_LIMIT) refs.clear();
    refs.set(key, ref);
  }
  return ref;
}
