/**
 * What IAM enforcement adds to a call (goal: <= 0.5 ms p50). Two emulators in this process, one
 * with enforcement and one without, hold the same state: an organization whose member account sits
 * in an OU with SCPs at the root, the OU and the account; in the member account a user with an
 * inline policy, a group policy, a managed policy and a permissions boundary; a bucket with a
 * TLS-only bucket policy, a KMS key with its default key policy, a secret. The same calls go to both
 * through the real SDK over HTTP, interleaved call by call so both see the same machine load; the
 * overhead is the difference of the medians. The first calls (cold caches) are measured apart.
 */
import { Agent } from 'node:http';
import { AddUserToGroupCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateGroupCommand, CreatePolicyCommand, CreateUserCommand, IAMClient, PutGroupPolicyCommand, PutUserPermissionsBoundaryCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { AcceptHandshakeCommand, AttachPolicyCommand, CreateOrganizationalUnitCommand, CreateOrganizationCommand, CreatePolicyCommand as CreateScpCommand, EnablePolicyTypeCommand, InviteAccountToOrganizationCommand, ListRootsCommand, MoveAccountCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { CreateBucketCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.ts';
import { type Benchmark, type BenchRow, goalRow, percentile } from './harness.ts';

const MANAGEMENT = '100000000001';
const MEMBER = '200000000002';
const ROUNDS = 2_000;
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

function config(url: string, credentials: { accessKeyId: string; secretAccessKey: string }) {
  return { endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1, forcePathStyle: true, requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 8 }) }) };
}

/** Builds the scenario in one emulator; returns the calls the member's user makes. */
async function scenario(emu: RunningEmulator): Promise<Record<string, () => Promise<unknown>>> {
  const root = (account: string) => config(emu.url, { accessKeyId: account, secretAccessKey: 'x' });
  const org = new OrganizationsClient(root(MANAGEMENT));
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  await org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
  const handshake = await org.send(new InviteAccountToOrganizationCommand({ Target: { Type: 'ACCOUNT', Id: MEMBER } }));
  await new OrganizationsClient(root(MEMBER)).send(new AcceptHandshakeCommand({ HandshakeId: handshake.Handshake!.Id! }));
  const ou = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'ml' }))).OrganizationalUnit!.Id!;
  await org.send(new MoveAccountCommand({ AccountId: MEMBER, SourceParentId: rootId, DestinationParentId: ou }));
  const scps = [
    [rootId, doc({ Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*' })],
    [ou, doc({ Effect: 'Deny', Action: 'sagemaker:CreateTrainingJob', Resource: '*', Condition: { Null: { 'sagemaker:VpcSubnets': 'true' } } })],
    [MEMBER, doc({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } })],
  ] as const;
  for (const [i, [target, content]] of scps.entries()) {
    const policy = await org.send(new CreateScpCommand({ Name: `scp-${i}`, Description: 'bench', Type: 'SERVICE_CONTROL_POLICY', Content: content }));
    await org.send(new AttachPolicyCommand({ PolicyId: policy.Policy!.PolicySummary!.Id!, TargetId: target }));
  }

  const iam = new IAMClient(root(MEMBER));
  await iam.send(new CreateUserCommand({ UserName: 'analyst' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'analyst', PolicyName: 'data', PolicyDocument: doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::bench-data', 'arn:aws:s3:::bench-data/*'] }) }));
  await iam.send(new CreateGroupCommand({ GroupName: 'ml' }));
  await iam.send(new PutGroupPolicyCommand({ GroupName: 'ml', PolicyName: 'kms-and-secrets', PolicyDocument: doc({ Effect: 'Allow', Action: ['kms:DescribeKey', 'kms:Decrypt', 'secretsmanager:DescribeSecret'], Resource: '*' }, { Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' }) }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'ml', UserName: 'analyst' }));
  const managed = await iam.send(new CreatePolicyCommand({ PolicyName: 'sagemaker-read', PolicyDocument: doc({ Effect: 'Allow', Action: ['sagemaker:Describe*', 'sagemaker:List*'], Resource: '*' }) }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'analyst', PolicyArn: managed.Policy!.Arn! }));
  const boundary = await iam.send(new CreatePolicyCommand({ PolicyName: 'boundary', PolicyDocument: doc({ Effect: 'Allow', Action: ['s3:*', 'kms:*', 'secretsmanager:*', 'sagemaker:*'], Resource: '*' }) }));
  await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'analyst', PermissionsBoundary: boundary.Policy!.Arn! }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'analyst' }))).AccessKey!;
  const user = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };

  const ownerS3 = new S3Client(root(MEMBER));
  await ownerS3.send(new CreateBucketCommand({ Bucket: 'bench-data' }));
  await ownerS3.send(new PutObjectCommand({ Bucket: 'bench-data', Key: 'train.csv', Body: 'a,b\n1,2\n' }));
  // A TLS-only deny that does not apply over HTTP is not what we want here: deny only outside the account.
  await ownerS3.send(new PutBucketPolicyCommand({ Bucket: 'bench-data', Policy: doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::bench-data', 'arn:aws:s3:::bench-data/*'], Condition: { StringNotEquals: { 'aws:PrincipalAccount': MEMBER } } }) }));
  const keyId = (await new KMSClient(root(MEMBER)).send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
  const secretArn = (await new SecretsManagerClient(root(MEMBER)).send(new CreateSecretCommand({ Name: 'bench-secret', SecretString: 's' }))).ARN!;

  const s3 = new S3Client(config(emu.url, user));
  const kms = new KMSClient(config(emu.url, user));
  const secrets = new SecretsManagerClient(config(emu.url, user));
  return {
    'S3 GetObject (identity policy + bucket policy + SCPs)': async () => (await s3.send(new GetObjectCommand({ Bucket: 'bench-data', Key: 'train.csv' }))).Body!.transformToString(),
    'KMS DescribeKey (group policy + key policy + SCPs)': () => kms.send(new DescribeKeyCommand({ KeyId: keyId })),
    'Secrets Manager DescribeSecret (group policy + SCPs)': () => secrets.send(new DescribeSecretCommand({ SecretId: secretArn })),
  };
}

const bench: Benchmark = {
  suite: 'enforcement',
  async run(): Promise<BenchRow[]> {
    const quiet = { port: 0, warmUp: false, https: false, log: () => {} };
    const off = await startEmulator(quiet);
    const on = await startEmulator({ ...quiet, enforceIam: true });
    try {
      const callsOff = await scenario(off);
      const callsOn = await scenario(on);
      const rows: BenchRow[] = [];
      const all: { off: number[]; on: number[] } = { off: [], on: [] };
      for (const name of Object.keys(callsOn)) {
        // The first call after a change: principal and policies compiled, no cached decision.
        const t0 = performance.now();
        await callsOn[name]!();
        const coldOn = performance.now() - t0;
        for (let i = 0; i < 200; i++) {
          await callsOff[name]!();
          await callsOn[name]!();
        }
        const off: number[] = [];
        const on: number[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          let start = performance.now();
          await callsOff[name]!();
          off.push(performance.now() - start);
          start = performance.now();
          await callsOn[name]!();
          on.push(performance.now() - start);
        }
        all.off.push(...off);
        all.on.push(...on);
        const overhead = percentile(on, 50) - percentile(off, 50);
        rows.push(goalRow(`${name}: overhead p50`, round(overhead), 'ms', { below: 0.5 }, `p50 ${round(percentile(on, 50))} ms on vs ${round(percentile(off, 50))} ms off; p95 ${round(percentile(on, 95))} vs ${round(percentile(off, 95))}; first call with enforcement ${round(coldOn)} ms; ${ROUNDS} calls each`));
      }
      rows.push(goalRow('all calls: enforcement overhead p50', round(percentile(all.on, 50) - percentile(all.off, 50)), 'ms', { below: 0.5 }, 'SDK over HTTP, client and both emulators in one process, interleaved'));
      return rows;
    } finally {
      await off.stop();
      await on.stop();
    }
  },
};

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export default bench;
