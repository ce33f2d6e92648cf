/**
 * The Action / NotAction element: `service:Operation` patterns with `*` and `?`, matched without
 * regard to case. Requests are matched in lower case; literal actions go into a Set.
 */
import { PolicyDocumentError } from '../errors.ts';
import { compileWildcardSet, type StringTest } from './wildcard.ts';

const ACTION = /^[a-z0-9*?-]+:[^\s]+$/i;

export function compileActions(actions: readonly string[], path: string): StringTest {
  for (const [i, action] of actions.entries()) {
    if (action !== '*' && !ACTION.test(action)) {
      throw new PolicyDocumentError(`${path}[${i}]`, `"${action}" is not an action; write service:Operation (for example s3:GetObject), with * or ? as wildcards.`);
    }
  }
  // Matchers receive the request action already lower-cased.
  const lowered = actions.map((a) => a.toLowerCase());
  return compileWildcardSet(lowered, false);
}
