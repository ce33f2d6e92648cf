import {
  DeleteBucketCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectCommand,
  GetBucketTaggingCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { AwsCallError, isNotFound, toAwsErrorInfo, withThrottlingRetry } from '../../aws/index.ts';
import { mapLimit, paginate } from '../../inventory/paginate.ts';
import { runTagKey } from '../naming.ts';
import type { FoundResource, ResourceKind, SweepContext } from './types.ts';

/**
 * S3 buckets. Found by the run prefix in the name (bucket names are global, so lab buckets always
 * carry it) or by the run tag. Deleting empties every object version and delete marker first and
 * removes the bucket policy before that, so a deny-everything or TLS-only policy cannot lock the
 * teardown out.
 */
export const s3Bucket: ResourceKind = {
  type: 's3:bucket',
  service: 's3',
  checkResourceType: 'AWS::S3::Bucket',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 50,
  async find(ctx) {
    const s3 = await ctx.aws.client('s3');
    const names = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => s3.send(new ListBucketsCommand({ ContinuationToken: token, MaxBuckets: 1000 })));
      return { items: (page.Buckets ?? []).map((b) => b.Name!).filter(Boolean), next: page.ContinuationToken };
    });
    const found: FoundResource[] = [];
    await mapLimit(names, 8, async (name) => {
      if (name.startsWith(`${ctx.prefix}-`)) {
        found.push({ type: 's3:bucket', id: name });
        return;
      }
      // Only buckets that look like lab buckets are worth a tag read on a big account.
      if (!name.startsWith('mlsec-')) return;
      if ((await bucketRunTag(s3, name)) === ctx.runId) found.push({ type: 's3:bucket', id: name, taggedForRun: true });
    });
    return found.sort((a, b) => a.id.localeCompare(b.id));
  },
  async delete(ctx, resource) {
    const s3 = await ctx.aws.client('s3');
    const bucket = resource.id;
    await ignoreNotFound('S3.DeleteBucketPolicy', () => s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket })));
    await emptyBucket(s3, bucket);
    await ignoreNotFound('S3.DeleteBucket', () => s3.send(new DeleteBucketCommand({ Bucket: bucket })));
  },
};

async function bucketRunTag(s3: S3Client, name: string): Promise<string | undefined> {
  try {
    const tags = await withThrottlingRetry(() => s3.send(new GetBucketTaggingCommand({ Bucket: name })));
    return tags.TagSet?.find((t) => t.Key === runTagKey)?.Value;
  } catch {
    return undefined;
  }
}

/** Deletes every object version and delete marker, page by page. */
export async function emptyBucket(s3: S3Client, bucket: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const versions = await paginate(async (token) => {
      const [keyMarker, versionIdMarker] = token ? (JSON.parse(token) as [string, string | undefined]) : [undefined, undefined];
      const page = await withThrottlingRetry(() => s3.send(new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker, MaxKeys: 500 })));
      const items = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({ key: v.Key!, versionId: v.VersionId }));
      return { items, next: page.IsTruncated ? JSON.stringify([page.NextKeyMarker, page.NextVersionIdMarker]) : undefined };
    }).catch((error: unknown) => {
      const info = toAwsErrorInfo(error, 'S3.ListObjectVersions');
      if (isNotFound(info)) return [];
      throw new AwsCallError(info);
    });
    if (versions.length === 0) return deleted;
    // Always name the version ("null" included): without it a versioned bucket only gains a delete marker.
    await mapLimit(versions, 8, (v) => ignoreNotFound('S3.DeleteObject', () => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: v.key, VersionId: v.versionId ?? 'null' }))));
    deleted += versions.length;
  }
}

async function ignoreNotFound(operation: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await withThrottlingRetry(call);
  } catch (error) {
    const info = toAwsErrorInfo(error, operation);
    if (isNotFound(info) || info.code === 'NoSuchBucketPolicy') return;
    throw new AwsCallError(info);
  }
}

export type { SweepContext };
