/**
 * IAM action names of API operations. Mostly `<prefix>:<Operation>`, with the service prefix of the
 * Service Authorization Reference (CloudWatch signs as `monitoring` but its actions are
 * `cloudwatch:`, SageMaker Runtime's are `sagemaker:`, Cost Explorer's `ce:` …), and a table of the
 * operations whose action is named differently: S3's listings and HEAD requests, versioned object
 * operations, multipart uploads, Budgets' View/Modify pair. `test/unit/enforcement/action-names.test.ts`
 * checks every implemented operation against the Service Authorization Reference data.
 */

/** Service id → IAM action prefix. */
export const ACTION_PREFIX: Readonly<Record<string, string>> = {
  sts: 'sts',
  iam: 'iam',
  s3: 's3',
  s3control: 's3',
  kms: 'kms',
  secretsmanager: 'secretsmanager',
  ec2: 'ec2',
  cloudtrail: 'cloudtrail',
  cloudwatch: 'cloudwatch',
  logs: 'logs',
  events: 'events',
  sagemaker: 'sagemaker',
  'sagemaker-runtime': 'sagemaker',
  organizations: 'organizations',
  'application-autoscaling': 'application-autoscaling',
  budgets: 'budgets',
  ce: 'ce',
};

/** Operations whose IAM action is not `<prefix>:<Operation>`, by service id. */
export const RENAMED_ACTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  s3: {
    ListBuckets: 's3:ListAllMyBuckets',
    HeadBucket: 's3:ListBucket',
    ListObjects: 's3:ListBucket',
    ListObjectsV2: 's3:ListBucket',
    ListObjectVersions: 's3:ListBucketVersions',
    HeadObject: 's3:GetObject',
    CopyObject: 's3:PutObject',
    DeleteObjects: 's3:DeleteObject',
    CreateMultipartUpload: 's3:PutObject',
    UploadPart: 's3:PutObject',
    CompleteMultipartUpload: 's3:PutObject',
    ListParts: 's3:ListMultipartUploadParts',
    ListMultipartUploads: 's3:ListBucketMultipartUploads',
    PutPublicAccessBlock: 's3:PutBucketPublicAccessBlock',
    GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock',
    DeletePublicAccessBlock: 's3:PutBucketPublicAccessBlock',
    DeleteBucketOwnershipControls: 's3:PutBucketOwnershipControls',
    GetBucketEncryption: 's3:GetEncryptionConfiguration',
    PutBucketEncryption: 's3:PutEncryptionConfiguration',
    DeleteBucketEncryption: 's3:PutEncryptionConfiguration',
    DeleteBucketTagging: 's3:PutBucketTagging',
    GetBucketLifecycleConfiguration: 's3:GetLifecycleConfiguration',
    PutBucketLifecycleConfiguration: 's3:PutLifecycleConfiguration',
    DeleteBucketLifecycle: 's3:PutLifecycleConfiguration',
  },
  s3control: {
    PutPublicAccessBlock: 's3:PutAccountPublicAccessBlock',
    GetPublicAccessBlock: 's3:GetAccountPublicAccessBlock',
    DeletePublicAccessBlock: 's3:PutAccountPublicAccessBlock',
  },
  // ReEncrypt needs two permissions; the resolver adds kms:ReEncryptTo on the destination key.
  kms: { ReEncrypt: 'kms:ReEncryptFrom' },
  budgets: {
    CreateBudget: 'budgets:ModifyBudget',
    UpdateBudget: 'budgets:ModifyBudget',
    DeleteBudget: 'budgets:ModifyBudget',
    CreateNotification: 'budgets:ModifyBudget',
    UpdateNotification: 'budgets:ModifyBudget',
    DeleteNotification: 'budgets:ModifyBudget',
    CreateSubscriber: 'budgets:ModifyBudget',
    UpdateSubscriber: 'budgets:ModifyBudget',
    DeleteSubscriber: 'budgets:ModifyBudget',
    DescribeBudget: 'budgets:ViewBudget',
    DescribeBudgets: 'budgets:ViewBudget',
    DescribeNotificationsForBudget: 'budgets:ViewBudget',
    DescribeSubscribersForNotification: 'budgets:ViewBudget',
  },
};

/** S3 object operations that name a specific version need the `…Version…` action instead. */
export const S3_VERSION_ACTIONS: Readonly<Record<string, string>> = {
  GetObject: 's3:GetObjectVersion',
  HeadObject: 's3:GetObjectVersion',
  DeleteObject: 's3:DeleteObjectVersion',
  GetObjectAcl: 's3:GetObjectVersionAcl',
  PutObjectAcl: 's3:PutObjectVersionAcl',
  GetObjectTagging: 's3:GetObjectVersionTagging',
  PutObjectTagging: 's3:PutObjectVersionTagging',
  DeleteObjectTagging: 's3:DeleteObjectVersionTagging',
};

const cache = new Map<string, string>();

/** The IAM action an operation of a service needs (without looking at its input). */
export function actionName(serviceId: string, operation: string): string {
  const key = `${serviceId}\u0000${operation}`;
  let action = cache.get(key);
  if (action === undefined) {
    action = RENAMED_ACTIONS[serviceId]?.[operation] ?? `${ACTION_PREFIX[serviceId] ?? serviceId}:${operation}`;
    cache.set(key, action);
  }
  return action;
}

/** The action for this call, looking at the input where S3 distinguishes versioned requests. */
export function actionFor(serviceId: string, operation: string, input: Readonly<Record<string, unknown>> | undefined): string {
  if (serviceId === 's3' && input?.VersionId !== undefined && input.VersionId !== '') {
    const versioned = S3_VERSION_ACTIONS[operation];
    if (versioned) return versioned;
  }
  return actionName(serviceId, operation);
}
