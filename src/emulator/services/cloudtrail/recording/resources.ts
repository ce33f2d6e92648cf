/**
 * The resources an event names: `resources` in the record (type and ARN) and `Resources` in
 * LookupEvents (type and name), which is what the ResourceType and ResourceName lookup attributes
 * search. Read from the call's input (and, for resources a call creates, its output) by a table per
 * service; a service without rules records no resources.
 */

export interface EventResource {
  /** CloudFormation-style type, e.g. `AWS::S3::Bucket`. */
  readonly type: string;
  /** What LookupEvents shows as ResourceName (a bucket's name, a user's name, a key's ARN …). */
  readonly name: string;
  readonly arn?: string;
  /** S3 listings name a prefix of object ARNs rather than one object. */
  readonly arnPrefix?: string;
  readonly accountId?: string;
}

interface Where {
  readonly accountId: string;
  readonly region: string;
}

interface Rule {
  /** Member of the input (or `output.` + path into the output); lists yield one resource per item. */
  readonly from: string;
  readonly type: string;
  /** The ARN for a value; the value itself when it already is one. */
  readonly arn?: (value: string, where: Where) => string;
  /** Show the ARN as the name (KMS keys, IAM policies, STS roles). */
  readonly nameIsArn?: boolean;
}

const arnOr = (build: (v: string, w: Where) => string) => (v: string, w: Where) => (v.startsWith('arn:') ? v : build(v, w));
const regional = (service: string, kind: string, sep = '/') => arnOr((v, w) => `arn:aws:${service}:${w.region}:${w.accountId}:${kind}${sep}${v}`);
const sagemaker = (kind: string) => arnOr((v, w) => `arn:aws:sagemaker:${w.region}:${w.accountId}:${kind}/${v.toLowerCase()}`);
const iam = (kind: string) => arnOr((v, w) => `arn:aws:iam::${w.accountId}:${kind}/${v}`);
const ec2 = (kind: string) => regional('ec2', kind);
const kmsKey = arnOr((v, w) => `arn:aws:kms:${w.region}:${w.accountId}:${v.startsWith('alias/') ? v : `key/${v}`}`);

const RULES: Readonly<Record<string, readonly Rule[]>> = {
  iam: [
    { from: 'UserName', type: 'AWS::IAM::User', arn: iam('user') },
    { from: 'RoleName', type: 'AWS::IAM::Role', arn: iam('role') },
    { from: 'GroupName', type: 'AWS::IAM::Group', arn: iam('group') },
    { from: 'InstanceProfileName', type: 'AWS::IAM::InstanceProfile', arn: iam('instance-profile') },
    { from: 'PolicyArn', type: 'AWS::IAM::Policy', nameIsArn: true },
    { from: 'AccessKeyId', type: 'AWS::IAM::AccessKey', arn: iam('accesskey') },
    { from: 'output.AccessKey.AccessKeyId', type: 'AWS::IAM::AccessKey', arn: iam('accesskey') },
  ],
  sts: [{ from: 'RoleArn', type: 'AWS::IAM::Role', nameIsArn: true }],
  kms: [
    { from: 'KeyId', type: 'AWS::KMS::Key', arn: kmsKey, nameIsArn: true },
    { from: 'TargetKeyId', type: 'AWS::KMS::Key', arn: kmsKey, nameIsArn: true },
    { from: 'output.KeyMetadata.Arn', type: 'AWS::KMS::Key', nameIsArn: true },
  ],
  secretsmanager: [
    { from: 'SecretId', type: 'AWS::SecretsManager::Secret', arn: regional('secretsmanager', 'secret', ':') },
    { from: 'output.ARN', type: 'AWS::SecretsManager::Secret' },
  ],
  cloudtrail: [
    { from: 'Name', type: 'AWS::CloudTrail::Trail', arn: regional('cloudtrail', 'trail') },
    { from: 'TrailName', type: 'AWS::CloudTrail::Trail', arn: regional('cloudtrail', 'trail') },
    { from: 'ResourceId', type: 'AWS::CloudTrail::Trail' },
  ],
  cloudwatch: [
    { from: 'AlarmName', type: 'AWS::CloudWatch::Alarm', arn: regional('cloudwatch', 'alarm', ':') },
    { from: 'AlarmNames', type: 'AWS::CloudWatch::Alarm', arn: regional('cloudwatch', 'alarm', ':') },
    { from: 'DashboardName', type: 'AWS::CloudWatch::Dashboard', arn: arnOr((v, w) => `arn:aws:cloudwatch::${w.accountId}:dashboard/${v}`) },
  ],
  logs: [{ from: 'logGroupName', type: 'AWS::Logs::LogGroup', arn: regional('logs', 'log-group', ':') }],
  events: [{ from: 'Name', type: 'AWS::Events::Rule', arn: regional('events', 'rule') }, { from: 'Rule', type: 'AWS::Events::Rule', arn: regional('events', 'rule') }],
  sagemaker: [
    { from: 'NotebookInstanceName', type: 'AWS::SageMaker::NotebookInstance', arn: sagemaker('notebook-instance') },
    { from: 'NotebookInstanceLifecycleConfigName', type: 'AWS::SageMaker::NotebookInstanceLifecycleConfig', arn: sagemaker('notebook-instance-lifecycle-config') },
    { from: 'TrainingJobName', type: 'AWS::SageMaker::TrainingJob', arn: sagemaker('training-job') },
    { from: 'ProcessingJobName', type: 'AWS::SageMaker::ProcessingJob', arn: sagemaker('processing-job') },
    { from: 'ModelName', type: 'AWS::SageMaker::Model', arn: sagemaker('model') },
    { from: 'EndpointConfigName', type: 'AWS::SageMaker::EndpointConfig', arn: sagemaker('endpoint-config') },
    { from: 'EndpointName', type: 'AWS::SageMaker::Endpoint', arn: sagemaker('endpoint') },
    { from: 'MonitoringScheduleName', type: 'AWS::SageMaker::MonitoringSchedule', arn: sagemaker('monitoring-schedule') },
    { from: 'ModelPackageGroupName', type: 'AWS::SageMaker::ModelPackageGroup', arn: sagemaker('model-package-group') },
    { from: 'DomainId', type: 'AWS::SageMaker::Domain', arn: sagemaker('domain') },
  ],
  'sagemaker-runtime': [{ from: 'EndpointName', type: 'AWS::SageMaker::Endpoint', arn: sagemaker('endpoint') }],
  ec2: [
    { from: 'VpcId', type: 'AWS::EC2::VPC', arn: ec2('vpc') },
    { from: 'SubnetId', type: 'AWS::EC2::Subnet', arn: ec2('subnet') },
    { from: 'GroupId', type: 'AWS::EC2::SecurityGroup', arn: ec2('security-group') },
    { from: 'RouteTableId', type: 'AWS::EC2::RouteTable', arn: ec2('route-table') },
    { from: 'InternetGatewayId', type: 'AWS::EC2::InternetGateway', arn: ec2('internet-gateway') },
    { from: 'VpcEndpointId', type: 'AWS::EC2::VPCEndpoint', arn: ec2('vpc-endpoint') },
    { from: 'output.Vpc.VpcId', type: 'AWS::EC2::VPC', arn: ec2('vpc') },
    { from: 'output.Subnet.SubnetId', type: 'AWS::EC2::Subnet', arn: ec2('subnet') },
    { from: 'output.GroupId', type: 'AWS::EC2::SecurityGroup', arn: ec2('security-group') },
  ],
  organizations: [
    { from: 'PolicyId', type: 'AWS::Organizations::Policy' },
    { from: 'TargetId', type: 'AWS::Organizations::Account' },
  ],
};

function valuesAt(root: unknown, path: string): string[] {
  let current: unknown[] = [root];
  for (const part of path.split('.')) {
    const next: unknown[] = [];
    for (const c of current) {
      const v = c && typeof c === 'object' ? (c as Record<string, unknown>)[part] : undefined;
      if (Array.isArray(v)) next.push(...v);
      else if (v !== undefined && v !== null) next.push(v);
    }
    current = next;
  }
  return current.filter((v): v is string => typeof v === 'string' && v !== '');
}

/** S3: the bucket, and for object operations the object (or, for listings, the prefix). */
function s3Resources(input: Record<string, unknown>, operation: string, bucketOwner: string | undefined, isData: boolean): EventResource[] {
  const bucket = typeof input.Bucket === 'string' ? input.Bucket : undefined;
  if (!bucket) return [];
  const bucketArn = `arn:aws:s3:::${bucket}`;
  const out: EventResource[] = [];
  if (isData) {
    if (typeof input.Key === 'string') out.push({ type: 'AWS::S3::Object', name: `${bucket}/${input.Key}`, arn: `${bucketArn}/${input.Key}` });
    else if (operation === 'DeleteObjects') {
      const objects = ((input.Delete as { Objects?: { Key?: string }[] } | undefined)?.Objects ?? []).slice(0, 20);
      for (const o of objects) if (o.Key) out.push({ type: 'AWS::S3::Object', name: `${bucket}/${o.Key}`, arn: `${bucketArn}/${o.Key}` });
    } else {
      const prefix = typeof input.Prefix === 'string' ? input.Prefix : '';
      out.push({ type: 'AWS::S3::Object', name: `${bucket}/${prefix}`, arnPrefix: `${bucketArn}/${prefix}` });
    }
  }
  out.push({ type: 'AWS::S3::Bucket', name: bucket, arn: bucketArn, accountId: bucketOwner });
  return out;
}

export function resourcesOf(serviceId: string, operation: string, input: Record<string, unknown> | undefined, output: unknown, where: Where, s3: { bucketOwner?: string; isData: boolean }): EventResource[] {
  if (!input) return [];
  if (serviceId === 's3') return s3Resources(input, operation, s3.bucketOwner, s3.isData);
  const rules = RULES[serviceId];
  if (!rules) return [];
  const out: EventResource[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const values = rule.from.startsWith('output.') ? valuesAt(output, rule.from.slice(7)) : valuesAt(input, rule.from);
    for (const value of values) {
      const arn = rule.arn ? rule.arn(value, where) : value.startsWith('arn:') ? value : undefined;
      const name = rule.nameIsArn && arn ? arn : value;
      const key = `${rule.type}|${arn ?? name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ type: rule.type, name, arn, accountId: where.accountId });
    }
  }
  return out;
}
