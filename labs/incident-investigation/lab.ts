import { CreateTrailCommand, LookupEventsCommand, StartLoggingCommand, UpdateTrailCommand } from '@aws-sdk/client-cloudtrail';
import { DeleteAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, PutRolePolicyCommand, PutUserPolicyCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand } from '@aws-sdk/client-kms';
import { DeleteBucketPolicyCommand, PutBucketPolicyCommand, PutPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { allowPublicBucketsInAccount, createBucket, defineLab, putObjects, writeBucketPolicy, type LabContext } from '../../src/labs/kit/index.ts';

type Ctx = LabContext<'modelBucket' | 'trailBucket' | 'auditKey' | 'errorsAlarm' | 'trail' | 'trailLogGroup' | 'contractor' | 'trailLogsRole'>;

const allOn = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const allOff = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

const trailArn = (ctx: Ctx) => `arn:${ctx.partition}:cloudtrail:${ctx.region}:${ctx.accountId}:trail/${ctx.names.trail}`;
const logGroupArn = (ctx: Ctx) => `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${ctx.names.trailLogGroup}:*`;
const onCall = (ctx: Ctx) => `arn:${ctx.partition}:sns:${ctx.region}:${ctx.accountId}:${ctx.prefix}-fraud-oncall`;

/** The bucket policy CloudTrail needs to deliver log files (AWS's documented statements, scoped to this account). */
function trailBucketPolicy(ctx: Ctx) {
  const bucket = ctx.names.trailBucket;
  return [
    { Sid: 'AWSCloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: `arn:aws:s3:::${bucket}`, Condition: { StringEquals: { 'aws:SourceAccount': ctx.accountId } } },
    {
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${bucket}/AWSLogs/${ctx.accountId}/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': ctx.accountId } },
    },
  ];
}

async function putErrorsAlarm(ctx: Ctx): Promise<void> {
  const cloudwatch = await ctx.aws.client('cloudwatch');
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: ctx.names.errorsAlarm,
      AlarmDescription: 'Model container errors on the fraud scorer: checkout falls back to manual review.',
      Namespace: 'AWS/SageMaker',
      MetricName: 'Invocation5XXErrors',
      Dimensions: [
        { Name: 'EndpointName', Value: `${ctx.prefix}-fraud-scorer` },
        { Name: 'VariantName', Value: 'AllTraffic' },
      ],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [onCall(ctx)],
      Tags: ctx.tagList,
    }),
  );
}

/** The contractor's pipeline identity: a CI user with a long-lived access key and far too much S3 and CloudWatch. */
async function createContractor(ctx: Ctx): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const iam = await ctx.aws.client('iam');
  await iam.send(new CreateUserCommand({ UserName: ctx.names.contractor, Tags: ctx.tagList }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: ctx.names.contractor,
      PolicyName: 'ci-deploy',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:*'], Resource: [`arn:aws:s3:::${ctx.names.modelBucket}`, `arn:aws:s3:::${ctx.names.modelBucket}/*`] },
          { Effect: 'Allow', Action: ['cloudwatch:*'], Resource: '*' },
        ],
      }),
    }),
  );
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: ctx.names.contractor }));
  return { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
}

/** The time and key of the first event named `eventName` on `resource`, from the event history. */
async function findEvent(ctx: Ctx, eventName: string, resource: string): Promise<{ time: string; accessKeyId: string; userName: string }> {
  const cloudtrail = await ctx.aws.client('cloudtrail');
  for (let attempt = 0; attempt < 20; attempt++) {
    const page = await cloudtrail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: eventName }], MaxResults: 50 }));
    for (const e of page.Events ?? []) {
      const record = JSON.parse(e.CloudTrailEvent ?? '{}') as { eventTime?: string; userIdentity?: { accessKeyId?: string; userName?: string }; requestParameters?: Record<string, unknown> };
      if (JSON.stringify(record.requestParameters ?? {}).includes(resource) && record.userIdentity?.userName === ctx.names.contractor) {
        return { time: record.eventTime ?? '', accessKeyId: record.userIdentity.accessKeyId ?? '', userName: record.userIdentity.userName ?? '' };
      }
    }
    // On AWS, events reach the event history within about 5 minutes (usually much sooner).
    await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** attempt, 30_000)));
  }
  throw new Error(`The ${eventName} event on ${resource} did not appear in the CloudTrail event history.`);
}

export default defineLab({
  id: 'incident-investigation',
  title: 'Investigate who opened the model bucket, then fix the audit trail',
  summary:
    'Someone made the model-artifact bucket public and deleted the 5XX alarm. Use CloudTrail event history to find who, when and with which access key, contain and repair the damage, and turn a thin single-Region trail into a multi-Region one with validation, KMS and CloudWatch Logs.',
  syllabus: ['4.2.S2', '4.3.S3', '4.3.S1', '4.3.S4', '4.2.S4'],
  topics: ['cloudtrail'],
  difficulty: 'intermediate',
  estimatedMinutes: 45,
  timeLimitMinutes: 150,
  services: ['s3', 's3control', 'kms', 'iam', 'cloudtrail', 'cloudwatch', 'logs', 'sts'],
  operations: [
    's3:CreateBucket',
    's3:PutBucketPolicy',
    's3:GetBucketPolicy',
    's3:GetBucketPolicyStatus',
    's3:GetBucketAcl',
    's3:GetPublicAccessBlock',
    's3:PutPublicAccessBlock',
    's3control:GetPublicAccessBlock',
    'kms:CreateKey',
    'kms:CreateAlias',
    'iam:CreateUser',
    'iam:CreateAccessKey',
    'iam:UpdateAccessKey',
    'iam:CreateRole',
    'cloudtrail:CreateTrail',
    'cloudtrail:UpdateTrail',
    'cloudtrail:DescribeTrails',
    'cloudtrail:GetTrailStatus',
    'cloudtrail:GetEventSelectors',
    'cloudtrail:LookupEvents',
    'cloudwatch:PutMetricAlarm',
    'cloudwatch:DescribeAlarms',
    'logs:CreateLogGroup',
  ],
  resources: {
    modelBucket: { type: 's3:bucket', name: 'fraud-model-artifacts', title: 'the model-artifact bucket' },
    trailBucket: { type: 's3:bucket', name: 'audit-trail-logs', title: 'the audit log bucket' },
    auditKey: { type: 'kms:alias', name: 'audit-trail', title: 'the audit key alias' },
    errorsAlarm: { type: 'cloudwatch:alarm', name: 'fraud-scorer-5xx', title: 'the fraud scorer’s 5XX alarm' },
    trail: { type: 'cloudtrail:trail', name: 'org-audit', title: 'the account’s trail' },
    trailLogGroup: { type: 'logs:trail-log-group', name: 'org-audit', title: 'the trail’s CloudWatch Logs log group' },
    contractor: { type: 'iam:user', name: 'vendor-ci-deployer', title: 'the contractor’s CI user' },
    trailLogsRole: { type: 'iam:role', name: 'cloudtrail-to-logs', title: 'the role CloudTrail uses to write to CloudWatch Logs' },
  },
  setup: [
    {
      title: 'Create the audit key (CloudTrail may use it for this account’s trails)',
      run: async (ctx) => {
        const kms = await ctx.aws.client('kms');
        const policy = {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'AccountAdmin', Effect: 'Allow', Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` }, Action: 'kms:*', Resource: '*' },
            {
              Sid: 'CloudTrailEncrypt',
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
              Resource: '*',
              Condition: { StringEquals: { 'aws:SourceAccount': ctx.accountId }, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${ctx.partition}:cloudtrail:*:${ctx.accountId}:trail/*` } },
            },
          ],
        };
        const key = await kms.send(new CreateKeyCommand({ Description: 'audit trail log files', Policy: JSON.stringify(policy), Tags: ctx.kmsTags }));
        await kms.send(new CreateAliasCommand({ AliasName: ctx.names.auditKey, TargetKeyId: key.KeyMetadata!.KeyId! }));
        ctx.setFact('auditKeyArn', key.KeyMetadata!.Arn!);
      },
    },
    {
      title: 'Create the audit log bucket and the thin single-Region trail the platform team left',
      run: async (ctx) => {
        await createBucket(ctx, ctx.names.trailBucket, { team: 'platform' });
        const s3 = await ctx.aws.client('s3');
        await s3.send(new PutPublicAccessBlockCommand({ Bucket: ctx.names.trailBucket, PublicAccessBlockConfiguration: allOn }));
        await writeBucketPolicy(ctx, ctx.names.trailBucket, trailBucketPolicy(ctx));
        const cloudtrail = await ctx.aws.client('cloudtrail');
        await cloudtrail.send(new CreateTrailCommand({ Name: ctx.names.trail, S3BucketName: ctx.names.trailBucket, IsMultiRegionTrail: false, TagsList: ctx.tagList }));
        await cloudtrail.send(new StartLoggingCommand({ Name: ctx.names.trail }));
        ctx.setFact('trailArn', trailArn(ctx));
      },
    },
    {
      title: 'Create the model-artifact bucket and the 5XX alarm',
      run: async (ctx) => {
        await createBucket(ctx, ctx.names.modelBucket, { team: 'fraud-ml', 'data-classification': 'confidential' });
        await putObjects(ctx, ctx.names.modelBucket, {
          'sentinel/v7/model.tar.gz': 'xgboost model artefact placeholder\n',
          'sentinel/v7/feature-list.txt': 'amount_eur\nhour_of_day\nmerchant_category\ndevice_age_days\ncard_present\ndistance_from_home_km\n',
          'sentinel/v7/thresholds.json': '{"refuse": 0.91, "review": 0.62}\n',
        });
        await putErrorsAlarm(ctx);
        ctx.setFact('onCallTopicArn', onCall(ctx));
      },
    },
    {
      title: 'Replay Friday night: the contractor’s CI key opens the bucket and deletes the alarm',
      run: async (ctx) => {
        await allowPublicBucketsInAccount(ctx);
        const keys = await createContractor(ctx);
        // IAM is eventually consistent on AWS: a brand-new key may take a few seconds to work.
        const contractor = ctx.aws.withCredentials({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey });
        const s3 = await contractor.client('s3');
        const cloudwatch = await contractor.client('cloudwatch');
        const retry = async (call: () => Promise<unknown>) => {
          for (let i = 0; ; i++) {
            try {
              return await call();
            } catch (error) {
              if (i >= 8) throw error;
              await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** i));
            }
          }
        };
        await retry(() => s3.send(new PutPublicAccessBlockCommand({ Bucket: ctx.names.modelBucket, PublicAccessBlockConfiguration: allOff })));
        const policy = {
          Version: '2012-10-17',
          Statement: [{ Sid: 'PublicModelDownload', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${ctx.names.modelBucket}/*` }],
        };
        await retry(() => s3.send(new PutBucketPolicyCommand({ Bucket: ctx.names.modelBucket, Policy: JSON.stringify(policy) })));
        await retry(() => cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [ctx.names.errorsAlarm] })));
        contractor.destroy();
        const opened = await findEvent(ctx, 'PutBucketPolicy', ctx.names.modelBucket);
        const deleted = await findEvent(ctx, 'DeleteAlarms', ctx.names.errorsAlarm);
        ctx.setFact('culpritUser', opened.userName);
        ctx.setFact('culpritAccessKeyId', opened.accessKeyId);
        ctx.setFact('bucketOpenedAt', opened.time);
        ctx.setFact('alarmDeletedAt', deleted.time);
      },
    },
  ],
  tasks: [
    {
      id: 'find-the-culprit',
      title: 'Find who opened the bucket, when, and with which key',
      goal: 'From the CloudTrail event history, name the IAM user and the access key that changed the model bucket’s policy, and the exact eventTime of that call.',
      why: 'Containment depends on the answer: the key that did this must be deactivated, the other calls it made reviewed, and the time tells you from when the artefacts were exposed. Rotating the wrong key leaves the real one working.',
      questions: [
        { id: 'which-user', prompt: 'Which IAM user made the model bucket public (its user name)?', answer: { fact: 'culpritUser' }, match: 'case-insensitive' },
        { id: 'which-key', prompt: 'Which access key id did it use?', answer: { fact: 'culpritAccessKeyId' }, match: 'case-insensitive' },
        { id: 'when-opened', prompt: 'What is the eventTime of the PutBucketPolicy call that made it public (as CloudTrail records it, e.g. 2026-05-04T22:41:52Z)?', answer: { fact: 'bucketOpenedAt' }, match: 'case-insensitive' },
      ],
      hints: {
        nudge: 'Every management API call in the account is in CloudTrail’s event history for 90 days, with the identity and the access key that signed it — even without a trail.',
        where: 'CloudTrail LookupEvents, filtered by the event name that sets a bucket policy (or by the bucket as resource name). The record’s userIdentity holds userName and accessKeyId; eventTime says when.',
        command:
          "aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=PutBucketPolicy --max-results 10 \\\n  --query 'Events[].CloudTrailEvent' --output text | python3 -c 'import sys,json; [print(json.loads(l)[\"eventTime\"], json.loads(l)[\"userIdentity\"].get(\"userName\"), json.loads(l)[\"userIdentity\"].get(\"accessKeyId\")) for l in sys.stdin if l.strip()]'\nnpm run lab -- answer which-user USER_NAME_FROM_THE_EVENT\nnpm run lab -- answer which-key ACCESS_KEY_ID_FROM_THE_EVENT\nnpm run lab -- answer when-opened EVENT_TIME_AS_PRINTED",
      },
    },
    {
      id: 'close-the-bucket',
      title: 'Close the model bucket again',
      goal: 'Nobody outside the account can read the model artefacts: the public statement is gone and Block Public Access is fully on for the bucket.',
      why: 'The model and its decision thresholds were downloadable by anyone: with the thresholds, fraudsters can tune transactions to land just under the refusal score.',
      checks: [
        { check: 's3-bucket-public-read', resource: 'modelBucket' },
        { check: 's3-bucket-block-public-access', resource: 'modelBucket' },
      ],
      hints: {
        nudge: 'Two changes were made to the bucket that night; undo both, and make sure the same mistake cannot be repeated by a policy alone.',
        where: 'The bucket policy statement PublicModelDownload (GetBucketPolicy / DeleteBucketPolicy) and the bucket’s four Block Public Access settings (PutPublicAccessBlock), all true.',
        command:
          'aws s3api delete-bucket-policy --bucket {{modelBucket}}\naws s3api put-public-access-block --bucket {{modelBucket}} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      },
    },
    {
      id: 'restore-the-alarm',
      title: 'Bring the deleted alarm back',
      goal: 'The 5XX alarm exists again under its name, with the on-call topic as its alarm action and actions enabled.',
      why: 'Deleting the alarm first is what an intruder does to stay unnoticed. Until it is back, a failing fraud model pages nobody.',
      checks: [{ check: 'cloudwatch-alarm-actions-enabled', resource: 'errorsAlarm' }],
      hints: {
        nudge: 'The deleted alarm’s full configuration is recorded in the event history of the call that created it.',
        where: 'LookupEvents for PutMetricAlarm on the alarm’s name shows its requestParameters (namespace, metric, dimensions, threshold, actions); recreate it with PutMetricAlarm and the on-call topic in AlarmActions.',
        command:
          'aws cloudwatch put-metric-alarm --alarm-name {{errorsAlarm}} --namespace AWS/SageMaker --metric-name Invocation5XXErrors \\\n  --dimensions Name=EndpointName,Value={{prefix}}-fraud-scorer Name=VariantName,Value=AllTraffic --statistic Sum --period 60 \\\n  --evaluation-periods 5 --datapoints-to-alarm 3 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold \\\n  --treat-missing-data notBreaching --alarm-actions {{fact.onCallTopicArn}}',
      },
    },
    {
      id: 'harden-the-trail',
      title: 'Make the audit trail worth trusting',
      goal: 'The account’s trail records management events in every Region and is logging, encrypts log files with the audit key, has log file validation on, and delivers to a CloudWatch Logs log group (Security Hub CloudTrail.1, .2, .4, .5). Name the log group and the role with the run prefix as shown in the hints.',
      why: 'The event history answered this time, but it keeps 90 days, in one Region, with nothing to alert on. A multi-Region trail in a locked bucket, encrypted, with digest files and a live feed into CloudWatch Logs is what the next investigation — and a metric filter that pages on PutBucketPolicy — needs.',
      checks: [
        { check: 'cloudtrail-multi-region-logging', resource: 'trail' },
        { check: 'cloudtrail-kms-encryption', resource: 'trail' },
        { check: 'cloudtrail-log-file-validation', resource: 'trail' },
        { check: 'cloudtrail-cloudwatch-logs', resource: 'trail' },
      ],
      hints: {
        nudge: 'One trail setting is about where it records, one about how its files are protected at rest, one about proving they were not changed, and one about where else its events go.',
        where: 'UpdateTrail on the existing trail: IsMultiRegionTrail, KmsKeyId (the audit key), EnableLogFileValidation, and CloudWatchLogsLogGroupArn with CloudWatchLogsRoleArn. The last needs a log group (CreateLogGroup) and a role CloudTrail can assume that may create log streams and put log events in it.',
        command:
          "aws logs create-log-group --log-group-name {{trailLogGroup}}\naws iam create-role --role-name {{trailLogsRole}} --assume-role-policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudtrail.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"{{accountId}}\"}}}]}'\naws iam put-role-policy --role-name {{trailLogsRole}} --policy-name deliver --policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\"],\"Resource\":\"arn:aws:logs:{{region}}:{{accountId}}:log-group:{{trailLogGroup}}:*\"}]}'\naws cloudtrail update-trail --name {{trail}} --is-multi-region-trail --enable-log-file-validation --kms-key-id {{fact.auditKeyArn}} \\\n  --cloud-watch-logs-log-group-arn arn:aws:logs:{{region}}:{{accountId}}:log-group:{{trailLogGroup}}:* --cloud-watch-logs-role-arn arn:aws:iam::{{accountId}}:role/{{trailLogsRole}}\naws cloudtrail start-logging --name {{trail}}",
      },
    },
  ],
  solution: [
    {
      task: 'find-the-culprit',
      title: 'Read the PutBucketPolicy event; deactivate the key it names',
      answers: { 'which-user': '{{fact.culpritUser}}', 'which-key': '{{fact.culpritAccessKeyId}}', 'when-opened': '{{fact.bucketOpenedAt}}' },
      run: async (ctx) => {
        const event = await findEvent(ctx, 'PutBucketPolicy', ctx.names.modelBucket);
        const iam = await ctx.aws.client('iam');
        await iam.send(new UpdateAccessKeyCommand({ UserName: event.userName, AccessKeyId: event.accessKeyId, Status: 'Inactive' }));
      },
    },
    {
      task: 'close-the-bucket',
      title: 'Delete the public policy and turn Block Public Access back on',
      run: async (ctx) => {
        const s3 = await ctx.aws.client('s3');
        await s3.send(new DeleteBucketPolicyCommand({ Bucket: ctx.names.modelBucket }));
        await s3.send(new PutPublicAccessBlockCommand({ Bucket: ctx.names.modelBucket, PublicAccessBlockConfiguration: allOn }));
      },
    },
    { task: 'restore-the-alarm', title: 'Recreate the 5XX alarm with its on-call action', run: (ctx) => putErrorsAlarm(ctx) },
    {
      task: 'harden-the-trail',
      title: 'Log group, delivery role, and a multi-Region, validated, encrypted trail that feeds CloudWatch Logs',
      run: async (ctx) => {
        const logs = await ctx.aws.client('logs');
        await logs.send(new CreateLogGroupCommand({ logGroupName: ctx.names.trailLogGroup, tags: ctx.tags }));
        const iam = await ctx.aws.client('iam');
        const role = await iam.send(
          new CreateRoleCommand({
            RoleName: ctx.names.trailLogsRole,
            AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ctx.accountId } } }] }),
            Tags: ctx.tagList,
          }),
        );
        await iam.send(
          new PutRolePolicyCommand({
            RoleName: ctx.names.trailLogsRole,
            PolicyName: 'deliver',
            PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: logGroupArn(ctx) }] }),
          }),
        );
        const cloudtrail = await ctx.aws.client('cloudtrail');
        for (let attempt = 0; ; attempt++) {
          try {
            await cloudtrail.send(
              new UpdateTrailCommand({
                Name: ctx.names.trail,
                IsMultiRegionTrail: true,
                EnableLogFileValidation: true,
                KmsKeyId: ctx.facts.auditKeyArn,
                CloudWatchLogsLogGroupArn: logGroupArn(ctx),
                CloudWatchLogsRoleArn: role.Role!.Arn!,
              }),
            );
            break;
          } catch (error) {
            // A new role can take a few seconds before CloudTrail may assume it.
            if (attempt >= 6 || !/role/i.test(String((error as Error).message))) throw error;
            await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt));
          }
        }
        await cloudtrail.send(new StartLoggingCommand({ Name: ctx.names.trail }));
      },
    },
  ],
  nearMisses: [
    {
      id: 'validation-and-multi-region-only',
      title: 'Turning the trail multi-Region with log file validation, but no KMS key and no CloudWatch Logs',
      explanation: 'Multi-Region and digest files are half of it. Without the audit key, anyone who can read the log bucket reads the trail; without CloudWatch Logs delivery nothing can alert on the next PutBucketPolicy.',
      task: 'harden-the-trail',
      apply: async (ctx) => {
        const cloudtrail = await ctx.aws.client('cloudtrail');
        await cloudtrail.send(new UpdateTrailCommand({ Name: ctx.names.trail, IsMultiRegionTrail: true, EnableLogFileValidation: true }));
      },
    },
    {
      id: 'alarm-recreated-without-action',
      title: 'Recreating the alarm under its name without the on-call action',
      explanation: 'The alarm is back on the dashboard, but with no AlarmActions it pages nobody when it fires (CloudWatch.15) — which is the state the intruder wanted.',
      task: 'restore-the-alarm',
      apply: async (ctx) => {
        const cloudwatch = await ctx.aws.client('cloudwatch');
        await cloudwatch.send(
          new PutMetricAlarmCommand({
            AlarmName: ctx.names.errorsAlarm,
            Namespace: 'AWS/SageMaker',
            MetricName: 'Invocation5XXErrors',
            Dimensions: [{ Name: 'EndpointName', Value: `${ctx.prefix}-fraud-scorer` }, { Name: 'VariantName', Value: 'AllTraffic' }],
            Statistic: 'Sum',
            Period: 60,
            EvaluationPeriods: 5,
            Threshold: 1,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            Tags: ctx.tagList,
          }),
        );
      },
    },
    {
      id: 'block-new-policies-only',
      title: 'Turning on only BlockPublicPolicy for the bucket',
      explanation: 'BlockPublicPolicy stops new public policies from being written; the public policy that is already there stays in force until it is deleted or RestrictPublicBuckets is on.',
      task: 'close-the-bucket',
      apply: async (ctx) => {
        const s3 = await ctx.aws.client('s3');
        await s3.send(new PutPublicAccessBlockCommand({ Bucket: ctx.names.modelBucket, PublicAccessBlockConfiguration: { ...allOff, BlockPublicPolicy: true } }));
      },
    },
  ],
});
