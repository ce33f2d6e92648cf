/**
 * Whether a trail logs an event, by its event selectors (classic) or advanced event selectors.
 *
 * Classic: a selector matches when the read/write type fits and either the event is a management
 * event the selector includes (and its source is not excluded) or a data event on a resource whose
 * ARN starts with one of the selector's DataResources values.
 * Advanced: a selector matches when every field selector holds; within a field selector each
 * operator must hold (Equals/StartsWith/EndsWith: any value matches; Not…: no value matches).
 * Any matching selector logs the event.
 */
import type * as CT from '@aws-sdk/client-cloudtrail';
import type { EventCategory } from './classification.ts';
import type { EventResource } from './resources.ts';

export interface SelectableEvent {
  readonly category: EventCategory;
  readonly readOnly: boolean;
  readonly eventSource: string;
  readonly eventName: string;
  readonly eventType: string;
  readonly errorCode?: string;
  readonly userIdentityArn?: string;
  readonly resources: readonly EventResource[];
}

function resourceArns(event: SelectableEvent, type?: string): string[] {
  return event.resources.filter((r) => type === undefined || r.type === type).map((r) => r.arn ?? r.arnPrefix ?? '').filter((a) => a !== '');
}

/** The type a data event is selected by: its first resource (AWS::S3::Object for S3 object calls). */
function dataType(event: SelectableEvent): string | undefined {
  return event.category === 'Data' ? event.resources[0]?.type : undefined;
}

function classicMatches(selector: CT.EventSelector, event: SelectableEvent): boolean {
  const rw = selector.ReadWriteType ?? 'All';
  if ((rw === 'ReadOnly' && !event.readOnly) || (rw === 'WriteOnly' && event.readOnly)) return false;
  if (event.category === 'Management') {
    return selector.IncludeManagementEvents !== false && !(selector.ExcludeManagementEventSources ?? []).includes(event.eventSource);
  }
  const type = dataType(event);
  const arns = resourceArns(event, type);
  return (selector.DataResources ?? []).some((resource) => {
    if (resource.Type !== type) return false;
    return (resource.Values ?? []).some((value) => {
      // `arn:aws:s3` / `arn:aws:s3:::` select every bucket, present and future.
      if (/^arn:aws[a-z-]*:s3(:::)?$/.test(value) || /^arn:aws[a-z-]*:(lambda|dynamodb)$/.test(value)) return true;
      return arns.some((arn) => arn.startsWith(value));
    });
  });
}

function fieldValues(field: string, event: SelectableEvent): string[] {
  switch (field) {
    case 'eventCategory': return [event.category];
    case 'readOnly': return [event.readOnly ? 'true' : 'false'];
    case 'eventSource': return [event.eventSource];
    case 'eventName': return [event.eventName];
    case 'eventType': return [event.eventType];
    case 'errorCode': return event.errorCode ? [event.errorCode] : [];
    case 'userIdentity.arn': return event.userIdentityArn ? [event.userIdentityArn] : [];
    case 'sessionCredentialFromConsole': return ['false'];
    case 'resources.type': {
      const type = dataType(event);
      return type ? [type] : [...new Set(event.resources.map((r) => r.type))];
    }
    case 'resources.ARN': return resourceArns(event, dataType(event));
    default: return [];
  }
}

function fieldMatches(selector: CT.AdvancedFieldSelector, event: SelectableEvent): boolean {
  const values = fieldValues(selector.Field ?? '', event);
  const any = (patterns: string[] | undefined, test: (value: string, pattern: string) => boolean) => values.some((v) => patterns!.some((p) => test(v, p)));
  if (selector.Equals?.length && !any(selector.Equals, (v, p) => v === p)) return false;
  if (selector.StartsWith?.length && !any(selector.StartsWith, (v, p) => v.startsWith(p))) return false;
  if (selector.EndsWith?.length && !any(selector.EndsWith, (v, p) => v.endsWith(p))) return false;
  if (selector.NotEquals?.length && any(selector.NotEquals, (v, p) => v === p)) return false;
  if (selector.NotStartsWith?.length && any(selector.NotStartsWith, (v, p) => v.startsWith(p))) return false;
  if (selector.NotEndsWith?.length && any(selector.NotEndsWith, (v, p) => v.endsWith(p))) return false;
  return true;
}

export function trailSelects(trail: { eventSelectors?: CT.EventSelector[]; advancedEventSelectors?: CT.AdvancedEventSelector[] }, event: SelectableEvent): boolean {
  if (trail.advancedEventSelectors?.length) {
    return trail.advancedEventSelectors.some((s) => (s.FieldSelectors ?? []).every((f) => fieldMatches(f, event)));
  }
  return (trail.eventSelectors ?? []).some((s) => classicMatches(s, event));
}
