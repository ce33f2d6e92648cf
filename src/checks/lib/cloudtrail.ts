/**
 * Whether a trail records S3 object-level (data) events for a bucket, from its basic or advanced
 * event selectors. Selectors that narrow events in ways we do not model (event names, principals)
 * count as partial coverage, i.e. not covered: partial logging is what these checks exist to catch.
 */
import type { AdvancedEventSelector, BasicEventSelector, Trail } from '../../inventory/types.ts';

export type DataEventKind = 'read' | 'write';

function basicCovers(selector: BasicEventSelector, bucketArn: string, kind: DataEventKind): boolean {
  const rw = selector.readWriteType ?? 'All';
  if (!(rw === 'All' || (kind === 'read' ? rw === 'ReadOnly' : rw === 'WriteOnly'))) return false;
  const partition = bucketArn.split(':')[1] ?? 'aws';
  return selector.dataResources.some(
    (d) => d.type === 'AWS::S3::Object' && d.values.some((v) => v === `arn:${partition}:s3` || v === `arn:${partition}:s3:::` || v === `${bucketArn}/` || v === bucketArn),
  );
}

function advancedCovers(selector: AdvancedEventSelector, bucketArn: string, kind: DataEventKind): boolean {
  const fields = new Map(selector.fieldSelectors.map((f) => [f.field, f]));
  const category = fields.get('eventCategory');
  if (!category?.equals?.includes('Data')) return false;
  const type = fields.get('resources.type');
  if (!type?.equals?.includes('AWS::S3::Object')) return false;
  const readOnly = fields.get('readOnly');
  if (readOnly) {
    const wanted = kind === 'read' ? 'true' : 'false';
    if (!(readOnly.equals ?? []).includes(wanted) || readOnly.startsWith || readOnly.notEquals) return false;
  }
  const objectPrefix = `${bucketArn}/`;
  const arn = fields.get('resources.ARN');
  if (arn) {
    if (arn.equals || arn.endsWith) return false;
    if (arn.startsWith && !arn.startsWith.some((p) => objectPrefix.startsWith(p))) return false;
    if (arn.notStartsWith?.some((p) => objectPrefix.startsWith(p) || p.startsWith(objectPrefix))) return false;
    if (arn.notEquals?.some((p) => p.startsWith(objectPrefix))) return false;
  }
  const known = new Set(['eventCategory', 'resources.type', 'readOnly', 'resources.ARN']);
  return selector.fieldSelectors.every((f) => known.has(f.field));
}

export function trailCoversBucket(trail: Trail, bucketArn: string, kind: DataEventKind): boolean {
  if (!trail.eventSelectors.ok) return false;
  const { basic, advanced } = trail.eventSelectors.value;
  return basic.some((s) => basicCovers(s, bucketArn, kind)) || advanced.some((s) => advancedCovers(s, bucketArn, kind));
}
