/**
 * IAM policy evaluation — one engine for enforcement, for IAM's Simulate* APIs and for learners'
 * "why was this allowed or denied?" explanations. Pure: no I/O, no state beyond caches, nothing
 * outside this folder but the Node standard library. See docs/iam-evaluation.md.
 *
 * Typical use:
 *   const engine = createPolicyEngine();
 *   const bucketPolicy = compilePolicy({ name: 'BucketPolicy', document }, 'resource'); // when stored
 *   const result = engine.authorize({ principal, action: 's3:GetObject', resource, context }, { identity, resourcePolicy: bucketPolicy });
 *   if (result.decision !== 'allowed') throw accessDenied(result.message);
 */
export { createPolicyEngine, authorize, referencedContextKeys, contextKeysForAction, type PolicyEngine, type PolicyEngineOptions } from './engine.ts';
export { compilePolicy } from './language/compiled-policy.ts';
export { PolicyDocumentError } from './errors.ts';
export { SUPPORTED_OPERATORS } from './conditions/compile-condition.ts';
export { limitations, type Limitation } from './limitations.ts';
export { accessDeniedMessage, explicitDenyReason, implicitDenyReason } from './evaluation/messages.ts';
export type * from './types.ts';

import { compilePolicy } from './language/compiled-policy.ts';
import type { PolicyInput, PolicyType } from './types.ts';

/** Checks a document against the grammar of `type`; returns the problem, or undefined when it is valid. */
export function validatePolicy(document: string | object, type: PolicyType): string | undefined {
  try {
    compilePolicy({ name: 'validation', document } satisfies PolicyInput, type);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
