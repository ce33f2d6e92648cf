/** S3 collector: account-level Block Public Access and, per bucket in scope, every setting S3 checks read. */
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  type PublicAccessBlockConfiguration,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { isUnsupportedOperation, toAwsErrorInfo, type AwsClients } from '../../aws/index.ts';
import { observe, observedError, observedValue, type Observed } from '../observed.ts';
import { mapLimit, paginate } from '../paginate.ts';
import type { ResourceSelector } from '../scope.ts';
import type { PolicyDocument, PublicAccessBlock, S3Bucket, S3Inventory } from '../types.ts';

export interface S3Scope {
  buckets?: ResourceSelector;
  accountPublicAccessBlock?: boolean;
}

export async function collectS3(aws: AwsClients, scope: S3Scope, account: { id: string; partition: string }): Promise<S3Inventory> {
  const [s3, s3control] = await Promise.all([aws.client('s3'), scope.accountPublicAccessBlock ? aws.client('s3control') : undefined]);

  const accountBlock: Promise<Observed<PublicAccessBlock | null>> = s3control
    ? observe('S3Control.GetPublicAccessBlock', async () => toBlock((await s3control.send(new GetAccountPublicAccessBlockCommand({ AccountId: account.id }))).PublicAccessBlockConfiguration), {
        notFound: null,
      })
    : Promise.resolve(observedValue(null));

  const selector = scope.buckets ?? {};
  let listing: Observed<string[]> | undefined;
  const names = new Set(selector.names ?? []);
  if (selector.namePrefix !== undefined || selector.tags) {
    listing = await observe('S3.ListBuckets', () =>
      paginate(async (token) => {
        const page = await s3.send(new ListBucketsCommand({ ContinuationToken: token, MaxBuckets: 1000 }));
        return { items: (page.Buckets ?? []).map((b) => b.Name!).filter(Boolean), next: page.ContinuationToken };
      }),
    );
    if (listing.ok) {
      let candidates = listing.value.filter((name) => selector.namePrefix === undefined || name.startsWith(selector.namePrefix));
      if (selector.tags) {
        const wanted = Object.entries(selector.tags);
        const tagged = await mapLimit(candidates, 8, async (name) => {
          const tags = await readTags(s3, name);
          return tags.ok && wanted.every(([k, v]) => tags.value[k] === v) ? name : undefined;
        });
        candidates = tagged.filter((n): n is string => n !== undefined);
      }
      for (const name of candidates) names.add(name);
    }
  }

  const buckets = await mapLimit([...names].sort(), 6, (name) => collectBucket(s3, name, account.partition));
  return { accountPublicAccessBlock: await accountBlock, buckets, ...(listing ? { listing } : {}) };
}

async function collectBucket(s3: import('@aws-sdk/client-s3').S3Client, name: string, partition: string): Promise<S3Bucket> {
  const arn = `arn:${partition}:s3:::${name}`;
  const exists = await observe('S3.HeadBucket', async () => (await s3.send(new HeadBucketCommand({ Bucket: name })), true), { notFound: false });
  if (!exists.ok || !exists.value) {
    const error = exists.ok ? { code: 'NoSuchBucket', message: `The bucket ${name} does not exist`, operation: 'S3.HeadBucket', httpStatus: 404 } : exists.error;
    const missing = observedError(error);
    return { name, arn, exists, tags: missing, policy: missing, policyStatus: missing, acl: missing, objectOwnership: missing, publicAccessBlock: missing, encryption: missing, versioning: missing, logging: missing };
  }
  const [tags, policy, policyStatus, acl, objectOwnership, publicAccessBlock, encryption, versioning, logging] = await Promise.all([
    readTags(s3, name),
    observe('S3.GetBucketPolicy', async () => parsePolicy((await s3.send(new GetBucketPolicyCommand({ Bucket: name }))).Policy), { notFound: null }),
    readPolicyStatus(s3, name),
    observe('S3.GetBucketAcl', async () => {
      const answer = await s3.send(new GetBucketAclCommand({ Bucket: name }));
      return {
        ownerId: answer.Owner?.ID,
        grants: (answer.Grants ?? []).map((g) => ({
          granteeType: g.Grantee?.Type ?? 'unknown',
          granteeId: g.Grantee?.ID,
          granteeUri: g.Grantee?.URI,
          permission: g.Permission ?? 'unknown',
        })),
      };
    }),
    observe('S3.GetBucketOwnershipControls', async () => (await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: name }))).OwnershipControls?.Rules?.[0]?.ObjectOwnership ?? null, {
      notFound: null,
    }),
    observe('S3.GetPublicAccessBlock', async () => toBlock((await s3.send(new GetPublicAccessBlockCommand({ Bucket: name }))).PublicAccessBlockConfiguration), { notFound: null }),
    observe(
      'S3.GetBucketEncryption',
      async () => {
        const rules = (await s3.send(new GetBucketEncryptionCommand({ Bucket: name }))).ServerSideEncryptionConfiguration?.Rules ?? [];
        return rules.map((r) => ({
          sseAlgorithm: r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? 'unknown',
          kmsMasterKeyId: r.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID || undefined,
          bucketKeyEnabled: r.BucketKeyEnabled,
        }));
      },
      { notFound: null },
    ),
    observe('S3.GetBucketVersioning', async () => {
      const answer = await s3.send(new GetBucketVersioningCommand({ Bucket: name }));
      return { status: answer.Status ?? null, mfaDelete: answer.MFADelete ?? null };
    }),
    observe('S3.GetBucketLogging', async () => {
      const enabled = (await s3.send(new GetBucketLoggingCommand({ Bucket: name }))).LoggingEnabled;
      return enabled?.TargetBucket ? { targetBucket: enabled.TargetBucket, targetPrefix: enabled.TargetPrefix ?? '' } : null;
    }),
  ]);
  return { name, arn, exists, tags, policy, policyStatus, acl, objectOwnership, publicAccessBlock, encryption, versioning, logging };
}

async function readTags(s3: import('@aws-sdk/client-s3').S3Client, name: string): Promise<Observed<Record<string, string>>> {
  return observe(
    'S3.GetBucketTagging',
    async () => Object.fromEntries(((await s3.send(new GetBucketTaggingCommand({ Bucket: name }))).TagSet ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
    { notFound: {}, notFoundCodes: ['NoSuchTagSet', 'NoSuchTagSetError'] },
  );
}

/** GetBucketPolicyStatus; endpoints that do not implement it (or answer `{}`) report null, not an error. */
async function readPolicyStatus(s3: import('@aws-sdk/client-s3').S3Client, name: string): Promise<Observed<{ isPublic: boolean } | null>> {
  const status = await observe(
    'S3.GetBucketPolicyStatus',
    async () => {
      const answer = await s3.send(new GetBucketPolicyStatusCommand({ Bucket: name }));
      return answer.PolicyStatus?.IsPublic === undefined ? null : { isPublic: answer.PolicyStatus.IsPublic };
    },
    { notFound: { isPublic: false }, notFoundCodes: ['NoSuchBucketPolicy'] },
  );
  if (!status.ok && isUnsupportedOperation(status.error)) return observedValue(null);
  return status;
}

function toBlock(config: PublicAccessBlockConfiguration | undefined): PublicAccessBlock | null {
  if (!config) return null;
  return {
    BlockPublicAcls: config.BlockPublicAcls === true,
    IgnorePublicAcls: config.IgnorePublicAcls === true,
    BlockPublicPolicy: config.BlockPublicPolicy === true,
    RestrictPublicBuckets: config.RestrictPublicBuckets === true,
  };
}

function parsePolicy(text: string | undefined): PolicyDocument | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as PolicyDocument;
  } catch (error) {
    throw toAwsErrorInfo({ name: 'MalformedPolicy', message: `The bucket policy is not valid JSON: ${(error as Error).message}` });
  }
}
