import { formatAwsError, type AwsErrorInfo } from '../../aws/errors.ts';
import type { Observed } from '../../inventory/observed.ts';
import type { CheckResource, Evidence, Finding, FindingStatus } from '../types.ts';

export function finding(checkId: string, resource: CheckResource, status: FindingStatus, summary: string, evidence: Evidence[]): Finding {
  return { checkId, resource, status, summary, evidence };
}

/** "Could not check": the value needed was not readable. Never a pass. */
export function couldNotCheck(checkId: string, resource: CheckResource, field: string, error: AwsErrorInfo, what?: string): Finding {
  return {
    checkId,
    resource,
    status: 'unknown',
    summary: `Could not check ${what ?? field}: ${formatAwsError(error)}. Fix access to this setting (or the target) and check again.`,
    evidence: [{ field, value: `${error.code}: ${error.message}` }],
  };
}

/** Three-valued logic for settings that may be unreadable. */
export type Tri = boolean | 'unknown';

export function triOf<T>(observed: Observed<T>, fn: (value: T) => boolean): Tri {
  return observed.ok ? fn(observed.value) : 'unknown';
}

export function triOr(...values: Tri[]): Tri {
  if (values.includes(true)) return true;
  return values.includes('unknown') ? 'unknown' : false;
}

export function triAnd(...values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.includes('unknown') ? 'unknown' : true;
}

export function triNot(value: Tri): Tri {
  return value === 'unknown' ? value : !value;
}

/** The errors among observed values, for evidence when the outcome is unknown. */
export function errorsOf(...observed: { field: string; value: Observed<unknown> | undefined }[]): Evidence[] {
  return observed.flatMap(({ field, value }) => (value && !value.ok ? [{ field, value: `could not read — ${formatAwsError(value.error)}` }] : []));
}
