/** Amazon Resource Names: `arn:partition:service:region:account-id:resource`. */

export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  /** Everything after the fifth colon, e.g. `role/path/Name` or `bucket/key`. */
  readonly resource: string;
}

const ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws|)?:(.+)$/;

/**
 * `arn:aws:<service>:<region>:<account>:<resource>` — every emulated service builds its ARNs here.
 * Global resources leave the region empty (`arn:aws:iam::123456789012:role/x`), S3 buckets the
 * account too (`arn:aws:s3:::bucket`).
 */
export function formatArn(service: string, region: string, accountId: string, resource: string, partition = 'aws'): string {
  return `arn:${partition}:${service}:${region}:${accountId}:${resource}`;
}

/** An ARN in the caller's region and account (`ctx.region`, `ctx.accountId`). */
export function arnIn(scope: { readonly region: string; readonly accountId: string }, service: string, resource: string): string {
  return formatArn(service, scope.region, scope.accountId, resource);
}

export function parseArn(text: string): Arn | undefined {
  const m = ARN.exec(text);
  if (!m) return undefined;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, accountId: m[4] ?? '', resource: m[5]! };
}

/** `role/path/Name` → { path: '/path/', name: 'Name' } (IAM resource paths). */
export function iamResourcePath(resource: string): { type: string; path: string; name: string } {
  const parts = resource.split('/');
  const type = parts.shift() ?? '';
  const name = parts.pop() ?? '';
  return { type, path: parts.length ? `/${parts.join('/')}/` : '/', name };
}
