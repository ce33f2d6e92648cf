/** S3 helpers for lab authors: the steps many labs repeat, done the way AWS expects. */
import {
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { DeletePublicAccessBlockCommand, GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { isNotFound, toAwsErrorInfo } from '../../aws/index.ts';
import type { PolicyDocument, PolicyStatement } from '../../inventory/types.ts';
import type { LabContext } from '../definition.ts';

/** Creates a bucket in the run's region, tagged with the run's tags plus `extraTags`. */
export async function createBucket(ctx: LabContext, name: string, extraTags: Record<string, string> = {}): Promise<void> {
  const s3 = await ctx.aws.client('s3');
  await s3.send(
    new CreateBucketCommand({
      Bucket: name,
      ...(ctx.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: ctx.region as BucketLocationConstraint } }),
    }),
  );
  const tags = { ...ctx.tags, ...extraTags };
  await s3.send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } }));
}

export async function putObjects(ctx: LabContext, bucket: string, objects: Record<string, string>): Promise<void> {
  const s3 = await ctx.aws.client('s3');
  await Promise.all(
    Object.entries(objects).map(([key, body]) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: key.endsWith('.csv') ? 'text/csv' : 'text/plain' }))),
  );
}

/** The bucket policy, parsed; null when the bucket has none. */
export async function readBucketPolicy(ctx: LabContext, bucket: string): Promise<PolicyDocument | null> {
  const s3 = await ctx.aws.client('s3');
  try {
    const text = (await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy;
    return text ? (JSON.parse(text) as PolicyDocument) : null;
  } catch (error) {
    const info = toAwsErrorInfo(error);
    if (info.code === 'NoSuchBucketPolicy' || isNotFound(info)) return null;
    throw error;
  }
}

/** Writes the statements as the bucket policy, or deletes the policy when none are left. */
export async function writeBucketPolicy(ctx: LabContext, bucket: string, statements: PolicyStatement[]): Promise<void> {
  const s3 = await ctx.aws.client('s3');
  if (statements.length === 0) {
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
    return;
  }
  await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }));
}

/** Read-modify-write of a bucket policy's statements. */
export async function editBucketPolicy(ctx: LabContext, bucket: string, edit: (statements: PolicyStatement[]) => PolicyStatement[]): Promise<void> {
  const current = await readBucketPolicy(ctx, bucket);
  const statements = current?.Statement === undefined ? [] : Array.isArray(current.Statement) ? current.Statement : [current.Statement];
  await writeBucketPolicy(ctx, bucket, edit(statements));
}

/**
 * Makes sure account-level Block Public Access does not stop the scenario (a public bucket policy
 * or ACL), recording the previous configuration so teardown restores it exactly.
 */
export async function allowPublicBucketsInAccount(ctx: LabContext): Promise<void> {
  const s3control = await ctx.aws.client('s3control');
  let previous;
  try {
    previous = (await s3control.send(new GetPublicAccessBlockCommand({ AccountId: ctx.accountId }))).PublicAccessBlockConfiguration;
  } catch (error) {
    if (isNotFound(toAwsErrorInfo(error))) return;
    throw error;
  }
  if (!previous) return;
  const config = {
    BlockPublicAcls: previous.BlockPublicAcls === true,
    IgnorePublicAcls: previous.IgnorePublicAcls === true,
    BlockPublicPolicy: previous.BlockPublicPolicy === true,
    RestrictPublicBuckets: previous.RestrictPublicBuckets === true,
  };
  ctx.recordUndo({ kind: 's3:account-public-access-block', previous: config });
  await s3control.send(new DeletePublicAccessBlockCommand({ AccountId: ctx.accountId }));
}
