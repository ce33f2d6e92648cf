/**
 * The services the engine speaks, by their AWS CLI names, each mapped to the `@aws-sdk/client-*`
 * package that carries its model and commands. `clientKey` is the name `src/aws` gives the same
 * client (the CLI calls S3's low-level API `s3api`; everything else is spelled the same).
 * Modules load lazily: EC2 and SageMaker take a noticeable moment to import.
 */

export type SdkModule = Record<string, unknown>;

export interface ServiceEntry {
  /** The AWS CLI's name: `aws <cliName> <operation>`. */
  readonly cliName: string;
  /** The key a client factory (`src/aws`) knows the client by. */
  readonly clientKey: string;
  /** npm package with the SDK v3 client. */
  readonly packageName: string;
  /** Name of the client class the package exports. */
  readonly clientClass: string;
  /** Human name, for help and messages. */
  readonly title: string;
  readonly load: () => Promise<SdkModule>;
}

const entry = (cliName: string, clientKey: string, packageName: string, clientClass: string, title: string, load: () => Promise<SdkModule>): ServiceEntry => ({
  cliName,
  clientKey,
  packageName,
  clientClass,
  title,
  load,
});

export const SERVICES: readonly ServiceEntry[] = [
  entry('application-autoscaling', 'application-autoscaling', '@aws-sdk/client-application-auto-scaling', 'ApplicationAutoScalingClient', 'Application Auto Scaling', () => import('@aws-sdk/client-application-auto-scaling')),
  entry('budgets', 'budgets', '@aws-sdk/client-budgets', 'BudgetsClient', 'AWS Budgets', () => import('@aws-sdk/client-budgets')),
  entry('ce', 'ce', '@aws-sdk/client-cost-explorer', 'CostExplorerClient', 'AWS Cost Explorer', () => import('@aws-sdk/client-cost-explorer')),
  entry('cloudtrail', 'cloudtrail', '@aws-sdk/client-cloudtrail', 'CloudTrailClient', 'AWS CloudTrail', () => import('@aws-sdk/client-cloudtrail')),
  entry('cloudwatch', 'cloudwatch', '@aws-sdk/client-cloudwatch', 'CloudWatchClient', 'Amazon CloudWatch', () => import('@aws-sdk/client-cloudwatch')),
  entry('ec2', 'ec2', '@aws-sdk/client-ec2', 'EC2Client', 'Amazon EC2', () => import('@aws-sdk/client-ec2')),
  entry('events', 'events', '@aws-sdk/client-eventbridge', 'EventBridgeClient', 'Amazon EventBridge', () => import('@aws-sdk/client-eventbridge')),
  entry('iam', 'iam', '@aws-sdk/client-iam', 'IAMClient', 'AWS Identity and Access Management', () => import('@aws-sdk/client-iam')),
  entry('kms', 'kms', '@aws-sdk/client-kms', 'KMSClient', 'AWS Key Management Service', () => import('@aws-sdk/client-kms')),
  entry('logs', 'logs', '@aws-sdk/client-cloudwatch-logs', 'CloudWatchLogsClient', 'Amazon CloudWatch Logs', () => import('@aws-sdk/client-cloudwatch-logs')),
  entry('organizations', 'organizations', '@aws-sdk/client-organizations', 'OrganizationsClient', 'AWS Organizations', () => import('@aws-sdk/client-organizations')),
  entry('s3api', 's3', '@aws-sdk/client-s3', 'S3Client', 'Amazon S3 (API operations)', () => import('@aws-sdk/client-s3')),
  entry('s3control', 's3control', '@aws-sdk/client-s3-control', 'S3ControlClient', 'Amazon S3 Control', () => import('@aws-sdk/client-s3-control')),
  entry('sagemaker', 'sagemaker', '@aws-sdk/client-sagemaker', 'SageMakerClient', 'Amazon SageMaker', () => import('@aws-sdk/client-sagemaker')),
  entry('sagemaker-runtime', 'sagemaker-runtime', '@aws-sdk/client-sagemaker-runtime', 'SageMakerRuntimeClient', 'Amazon SageMaker Runtime', () => import('@aws-sdk/client-sagemaker-runtime')),
  entry('secretsmanager', 'secretsmanager', '@aws-sdk/client-secrets-manager', 'SecretsManagerClient', 'AWS Secrets Manager', () => import('@aws-sdk/client-secrets-manager')),
  entry('sts', 'sts', '@aws-sdk/client-sts', 'STSClient', 'AWS Security Token Service', () => import('@aws-sdk/client-sts')),
];

const byName = new Map(SERVICES.map((s) => [s.cliName, s]));

export function findService(cliName: string): ServiceEntry | undefined {
  return byName.get(cliName);
}

export const serviceNames: readonly string[] = SERVICES.map((s) => s.cliName);

/**
 * AWS CLI commands that exist but this engine does not run, with what to do instead — so a learner
 * who types `aws s3 ls` gets a way forward rather than "invalid choice".
 */
export const UNSUPPORTED_SERVICES: Readonly<Record<string, string>> = {
  s3: 'the high-level `aws s3` commands (ls, cp, sync, mb, rb) are not available here; use `aws s3api` (e.g. `aws s3api list-buckets`, `aws s3api list-objects-v2 --bucket NAME`, `aws s3api put-object --bucket NAME --key KEY --body FILE`)',
  configure: '`aws configure` is not needed here: the terminal already uses your lab credentials and region',
};
