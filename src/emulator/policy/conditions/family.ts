/**
 * What every condition-operator family provides: how to prepare a policy value once, and how to
 * compare one request value with it. `undefined` from `compare` means "not comparable" (a request
 * value that is not a number for Numeric*, not an IP for IpAddress …): such a pair never matches,
 * and makes a negated operator false as well, as AWS does.
 */
import type { Template } from '../language/variables.ts';

export interface PreparedValue {
  /** The value as written in the policy. */
  readonly raw: string;
  /** Set when the value contains policy variables: it is resolved per request. */
  readonly template?: Template;
  /** The parsed value for static values (a number, a CIDR, a matcher …). */
  readonly parsed?: unknown;
}

export interface OperatorFamily {
  /** Whether values may contain policy variables (string, ARN and Bool operators). */
  readonly variables: boolean;
  /** Parses a static policy value (or a resolved template) into what `compare` needs. */
  parse(value: string): unknown;
  /** Compares one request value with one parsed policy value. */
  compare(requestValue: string, policyValue: unknown): boolean | undefined;
}

export interface BaseOperator {
  /** The operator's name as AWS spells it, e.g. `StringNotLike`. */
  readonly name: string;
  readonly family: OperatorFamily;
  /** Negated operators (StringNotEquals, NotIpAddress, ArnNotLike …) are true when no value matches, and when the key is absent. */
  readonly negated: boolean;
}
