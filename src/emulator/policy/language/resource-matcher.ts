/**
 * The Resource / NotResource element: ARN patterns matched segment by segment, with policy
 * variables resolved per request. Resolved patterns are memoised per statement, since the same
 * user or tag value comes back request after request.
 */
import { compileArnPattern } from './arn.ts';
import { parseTemplate, resolveTemplate, type Template, type VariableLookup } from './variables.ts';
import type { StringTest } from './wildcard.ts';

/**
 * True when a pattern matches; false when none does; undefined when none does and a pattern's
 * variable could not be resolved. AWS: "any attempt to match [a key that is not present] fails and
 * causes the statement to be invalid", so such a NotResource statement does not apply either.
 */
export type ResourceTest = (resource: string, lookup: VariableLookup) => boolean | undefined;

const MEMO_LIMIT = 256;

export function compileResources(patterns: readonly string[], variablesEnabled: boolean, path: string): { test: ResourceTest; keys: string[] } {
  const templates: Template[] = patterns.map((p, i) => parseTemplate(p, variablesEnabled, `${path}[${i}]`));
  const statics: StringTest[] = [];
  const dynamic: Template[] = [];
  for (const t of templates) {
    if (t.isStatic) statics.push(compileArnPattern(resolveTemplate(t, () => undefined)!));
    else dynamic.push(t);
  }
  const keys = dynamic.flatMap((t) => t.keys);
  if (dynamic.length === 0) {
    if (statics.length === 1) {
      const only = statics[0]!;
      return { test: (r) => only(r), keys };
    }
    return { test: (r) => statics.some((s) => s(r)), keys };
  }
  const memo = new Map<string, StringTest>();
  const resolved = (pattern: string): StringTest => {
    let test = memo.get(pattern);
    if (!test) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      test = compileArnPattern(pattern);
      memo.set(pattern, test);
    }
    return test;
  };
  return {
    keys,
    test: (r, lookup) => {
      for (const s of statics) if (s(r)) return true;
      let unresolved = false;
      for (const t of dynamic) {
        const pattern = resolveTemplate(t, lookup);
        if (pattern === undefined) unresolved = true;
        else if (resolved(pattern)(r)) return true;
      }
      return unresolved ? undefined : false;
    },
  };
}
