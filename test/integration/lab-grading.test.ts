/**
 * Grading is by outcome, not method (issue: every valid fix passes; resources are found by name or
 * tag, not by the ARN setup created; a check that cannot find its resource fails with a reason the
 * learner understands). The first lab is set up on a real server — the embedded emulator, and
 * moto_server where installed — and fixed the way a learner might, differently from the reference
 * solution, with the plain AWS SDK (not the lab's own helpers).
 */
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  PutBucketAclCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, openTarget, targetSettingsFromEnv, type AwsClients, type Target } from '../../src/aws/index.ts';
import { findLab, type LabDefinition } from '../../src/labs/index.ts';
import { newRunId, runPrefix } from '../../src/labs/naming.ts';
import * as runner from '../../src/labs/runner.ts';
import { endpointEnv, labServers, type LabServer } from '../support/lab-servers.ts';

const allOn = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

for (const kind of labServers) {
  if (!kind.available) console.warn(kind.skipMessage(`grading by outcome on ${kind.name}`));

  describe.skipIf(!kind.available)(`grading by outcome (${kind.name})`, { timeout: 120_000 }, () => {
    let server: LabServer;
    let target: Target;
    let aws: AwsClients;
    let lab: LabDefinition;
    let s3: S3Client;
    let accountId: string;

    beforeAll(async () => {
      server = await kind.start();
      target = await openTarget(targetSettingsFromEnv(endpointEnv(server.endpoint)));
      aws = createAwsClients(target);
      lab = (await findLab('exposed-training-data-bucket')).definition;
      accountId = (await aws.identity()).accountId;
      // The learner's own clients, as any SDK user would make them.
      const config = { endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
      s3 = new S3Client(config);
    });
    afterAll(async () => {
      s3?.destroy();
      aws?.destroy();
      await target?.close();
      await server?.stop();
    });

    async function withRun(fn: (run: runner.RunState & { bucket: string; alias: string; undo: runner.ProvisionResult['undo'] }) => Promise<void>) {
      const rt = { lab, aws, target };
      const runId = newRunId();
      const { facts, undo } = await runner.provision(rt, runId);
      const run = { runId, facts, undo, answers: {}, bucket: `${runPrefix(runId)}-fraud-training-data`, alias: `alias/${runPrefix(runId)}-fraud-ml-data` };
      try {
        await fn(run);
      } finally {
        const report = await runner.teardown(rt, run);
        expect(report.remaining).toEqual([]);
      }
    }

    const statusOf = async (run: runner.RunState) => Object.fromEntries((await runner.grade({ lab, aws, target }, run)).tasks.map((t) => [t.id, t.status]));

    it('passes a different valid fix: account-level Block Public Access, the key by alias, a BoolIfExists TLS deny', async () => {
      await withRun(async (run) => {
        // Public access: the account-wide setting covers the bucket (no bucket-level change at all).
        // (S3 Control's account-id host prefix needs the factory's client on a local endpoint; see docs/labs.md.)
        await (await aws.client('s3control')).send(new PutAccountPublicAccessBlockCommand({ AccountId: accountId, PublicAccessBlockConfiguration: allOn }));
        await s3.send(new DeleteBucketPolicyCommand({ Bucket: run.bucket }));
        await s3.send(new PutBucketAclCommand({ Bucket: run.bucket, ACL: 'private' }));
        // TLS: BoolIfExists instead of Bool, the Action written as "*", the object ARN first.
        const deny = { Sid: 'OnlyTls', Effect: 'Deny', Principal: { AWS: '*' }, Action: '*', Resource: [`arn:aws:s3:::${run.bucket}/*`, `arn:aws:s3:::${run.bucket}`], Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } };
        await s3.send(new PutBucketPolicyCommand({ Bucket: run.bucket, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [deny] }) }));
        // The team key named by its alias, not by the key ARN setup recorded.
        await s3.send(new PutBucketEncryptionCommand({ Bucket: run.bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: run.alias } }] } }));
        await s3.send(new PutBucketVersioningCommand({ Bucket: run.bucket, VersioningConfiguration: { Status: 'Enabled' } }));
        expect(await statusOf(run)).toEqual({ 'close-public-access': 'pass', 'account-guardrail': 'pass', 'require-tls': 'pass', 'encrypt-with-team-key': 'pass', 'turn-on-versioning': 'pass' });
      });
    });

    it('passes a bucket the learner deleted and created again with the same name, configured right', async () => {
      await withRun(async (run) => {
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: run.bucket }));
        await s3.send(new DeleteObjectsCommand({ Bucket: run.bucket, Delete: { Objects: (listed.Contents ?? []).map((o) => ({ Key: o.Key! })) } }));
        await s3.send(new DeleteBucketPolicyCommand({ Bucket: run.bucket }));
        await s3.send(new DeleteBucketCommand({ Bucket: run.bucket }));
        await s3.send(new CreateBucketCommand({ Bucket: run.bucket }));
        await s3.send(new PutPublicAccessBlockCommand({ Bucket: run.bucket, PublicAccessBlockConfiguration: allOn }));
        const deny = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${run.bucket}`, `arn:aws:s3:::${run.bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
        await s3.send(new PutBucketPolicyCommand({ Bucket: run.bucket, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [deny] }) }));
        await s3.send(new PutBucketEncryptionCommand({ Bucket: run.bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: run.facts.teamKeyArn } }] } }));
        await s3.send(new PutBucketVersioningCommand({ Bucket: run.bucket, VersioningConfiguration: { Status: 'Enabled' } }));
        const status = await statusOf(run);
        expect(status).toMatchObject({ 'close-public-access': 'pass', 'require-tls': 'pass', 'encrypt-with-team-key': 'pass', 'turn-on-versioning': 'pass' });
      });
    });

    it('fails a task whose resource is gone, saying which one, where, and what to do', async () => {
      await withRun(async (run) => {
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: run.bucket }));
        await s3.send(new DeleteObjectsCommand({ Bucket: run.bucket, Delete: { Objects: (listed.Contents ?? []).map((o) => ({ Key: o.Key! })) } }));
        await s3.send(new DeleteBucketPolicyCommand({ Bucket: run.bucket }));
        await s3.send(new DeleteBucketCommand({ Bucket: run.bucket }));
        const grade = await runner.grade({ lab, aws, target }, run);
        const versioning = grade.tasks.find((t) => t.id === 'turn-on-versioning')!;
        expect(versioning.status).toBe('fail');
        expect(versioning.findings[0]!.summary).toContain(run.bucket);
        expect(versioning.findings[0]!.summary).toMatch(/was not found in us-east-1\..*create it again with exactly that name.*npm run lab -- reset/);
        expect(grade.passed).toBe(false);
      });
    });
  });
}
