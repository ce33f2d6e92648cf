/** The `aws kms …` and `aws secretsmanager …` commands a learner types, run through the real AWS CLI. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { AWS_CLI_AVAILABLE, AwsCli, awsCliSkipMessage } from '../../support/aws-cli.ts';
import { emulator } from './support.ts';

const ACCOUNT = '123123123123';

if (!AWS_CLI_AVAILABLE) console.warn(awsCliSkipMessage('cli-kms-secrets.test.ts'));

// Each `aws` run starts Python (1–3 s on a busy machine) and a test runs up to a dozen: generous
// timeouts, as the other AWS CLI suites have.
describe.skipIf(!AWS_CLI_AVAILABLE)(AWS_CLI_AVAILABLE ? 'AWS CLI: kms and secretsmanager' : awsCliSkipMessage('AWS CLI: kms and secretsmanager'), { timeout: 180_000 }, () => {
  let emu: RunningEmulator;
  let aws: AwsCli;
  beforeAll(async () => {
    emu = await emulator();
    aws = new AwsCli(emu.url, { accessKeyId: ACCOUNT, secretAccessKey: 'x' });
  });
  afterAll(async () => {
    aws?.dispose();
    await emu?.stop();
  });

  it('creates, aliases, describes, tags and lists a key', async () => {
    const created = await aws.json(['kms', 'create-key', '--description', 'training data', '--tags', 'TagKey=Project,TagValue=fraud-model']);
    const keyId = created.KeyMetadata.KeyId as string;
    expect(created.KeyMetadata).toMatchObject({ KeyState: 'Enabled', KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', Arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}` });
    expect(await aws.run(['kms', 'create-alias', '--alias-name', 'alias/training-data', '--target-key-id', keyId])).toMatchObject({ code: 0, stdout: '' });
    expect((await aws.json(['kms', 'describe-key', '--key-id', 'alias/training-data'])).KeyMetadata.KeyId).toBe(keyId);
    expect(await aws.text(['kms', 'list-aliases', '--key-id', keyId, '--query', 'Aliases[].AliasName'])).toBe('alias/training-data');
    expect((await aws.json(['kms', 'list-keys'])).Keys).toEqual([{ KeyId: keyId, KeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}` }]);
    await aws.json(['kms', 'tag-resource', '--key-id', keyId, '--tags', 'TagKey=CostCenter,TagValue=42']);
    expect((await aws.json(['kms', 'list-resource-tags', '--key-id', keyId])).Tags).toEqual([{ TagKey: 'Project', TagValue: 'fraud-model' }, { TagKey: 'CostCenter', TagValue: '42' }]);
  });

  it('encrypts a file and decrypts it back (fileb:// in, base64 out)', async () => {
    const input = aws.file('features.csv', 'customer_id,label\n1,0\n');
    const blob = await aws.text(['kms', 'encrypt', '--key-id', 'alias/training-data', '--plaintext', `fileb://${input}`, '--encryption-context', 'dataset=features', '--query', 'CiphertextBlob']);
    const cipherFile = aws.file('features.csv.enc', Buffer.from(blob, 'base64'));
    const plain = await aws.text(['kms', 'decrypt', '--ciphertext-blob', `fileb://${cipherFile}`, '--encryption-context', 'dataset=features', '--query', 'Plaintext']);
    expect(Buffer.from(plain, 'base64').toString()).toBe('customer_id,label\n1,0\n');
    const wrong = await aws.run(['kms', 'decrypt', '--ciphertext-blob', `fileb://${cipherFile}`]);
    expect(wrong.code).toBe(255);
    expect(wrong.stderr).toContain('An error occurred (InvalidCiphertextException) when calling the Decrypt operation');
    const dataKey = await aws.json(['kms', 'generate-data-key', '--key-id', 'alias/training-data', '--key-spec', 'AES_256']);
    expect(Buffer.from(dataKey.Plaintext, 'base64')).toHaveLength(32);
  });

  it('rotates, reads and replaces the key policy, and reports AWS errors on stderr', async () => {
    const keyId = await aws.text(['kms', 'describe-key', '--key-id', 'alias/training-data', '--query', 'KeyMetadata.KeyId']);
    await aws.json(['kms', 'enable-key-rotation', '--key-id', keyId, '--rotation-period-in-days', '180']);
    expect(await aws.json(['kms', 'get-key-rotation-status', '--key-id', keyId])).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 180 });
    await aws.json(['kms', 'rotate-key-on-demand', '--key-id', keyId]);
    expect((await aws.json(['kms', 'list-key-rotations', '--key-id', keyId])).Rotations[0].RotationType).toBe('ON_DEMAND');
    const policy = await aws.text(['kms', 'get-key-policy', '--key-id', keyId, '--policy-name', 'default', '--query', 'Policy']);
    expect(JSON.parse(policy).Statement[0].Sid).toBe('Enable IAM User Permissions');
    const file = aws.file('policy.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] }));
    await aws.json(['kms', 'put-key-policy', '--key-id', keyId, '--policy-name', 'default', '--policy', `file://${file}`]);
    expect(JSON.parse(await aws.text(['kms', 'get-key-policy', '--key-id', keyId, '--policy-name', 'default', '--query', 'Policy'])).Statement[0].Sid).toBe('Admins');
    const missing = await aws.run(['kms', 'describe-key', '--key-id', 'alias/missing']);
    expect(missing.code).toBe(255);
    expect(missing.stderr.trim()).toBe(`An error occurred (NotFoundException) when calling the DescribeKey operation: Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/missing is not found.`);
  });

  it('disables, schedules deletion of and recovers a key', async () => {
    const keyId = (await aws.json(['kms', 'create-key'])).KeyMetadata.KeyId;
    await aws.json(['kms', 'disable-key', '--key-id', keyId]);
    const scheduled = await aws.json(['kms', 'schedule-key-deletion', '--key-id', keyId, '--pending-window-in-days', '7']);
    expect(scheduled).toMatchObject({ KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    const use = await aws.run(['kms', 'generate-data-key', '--key-id', keyId, '--key-spec', 'AES_256']);
    expect(use.stderr).toContain(`(KMSInvalidStateException) when calling the GenerateDataKey operation: arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId} is pending deletion.`);
    await aws.json(['kms', 'cancel-key-deletion', '--key-id', keyId]);
    expect(await aws.text(['kms', 'describe-key', '--key-id', keyId, '--query', 'KeyMetadata.KeyState'])).toBe('Disabled');
    await aws.json(['kms', 'enable-key', '--key-id', keyId]);
    expect(await aws.text(['kms', 'describe-key', '--key-id', keyId, '--query', 'KeyMetadata.KeyState'])).toBe('Enabled');
  });

  it('creates, reads, updates, versions and lists secrets', async () => {
    const created = await aws.json(['secretsmanager', 'create-secret', '--name', 'ml/feature-store', '--secret-string', '{"username":"ml","password":"s3cr3t"}', '--kms-key-id', 'alias/training-data', '--tags', 'Key=Project,Value=fraud-model']);
    expect(created.ARN).toMatch(new RegExp(`^arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ml/feature-store-[A-Za-z0-9]{6}$`));
    expect(JSON.parse(await aws.text(['secretsmanager', 'get-secret-value', '--secret-id', 'ml/feature-store', '--query', 'SecretString'])).password).toBe('s3cr3t');
    await aws.json(['secretsmanager', 'put-secret-value', '--secret-id', 'ml/feature-store', '--secret-string', '{"username":"ml","password":"n3w"}']);
    const described = await aws.json(['secretsmanager', 'describe-secret', '--secret-id', created.ARN]);
    expect(Object.values(described.VersionIdsToStages).flat().sort()).toEqual(['AWSCURRENT', 'AWSPREVIOUS']);
    expect(described.KmsKeyId).toBe(`arn:aws:kms:us-east-1:${ACCOUNT}:alias/training-data`);
    expect(JSON.parse(await aws.text(['secretsmanager', 'get-secret-value', '--secret-id', 'ml/feature-store', '--version-stage', 'AWSPREVIOUS', '--query', 'SecretString'])).password).toBe('s3cr3t');
    await aws.json(['secretsmanager', 'update-secret', '--secret-id', 'ml/feature-store', '--description', 'feature store login']);
    expect((await aws.json(['secretsmanager', 'list-secrets', '--filters', 'Key=name,Values=ml/'])).SecretList.map((s: { Name: string }) => s.Name)).toEqual(['ml/feature-store']);
    expect((await aws.json(['secretsmanager', 'list-secret-version-ids', '--secret-id', 'ml/feature-store'])).Versions).toHaveLength(2);
    await aws.json(['secretsmanager', 'tag-resource', '--secret-id', 'ml/feature-store', '--tags', 'Key=CostCenter,Value=7']);
    expect((await aws.json(['secretsmanager', 'describe-secret', '--secret-id', 'ml/feature-store'])).Tags).toHaveLength(2);
    expect((await aws.json(['secretsmanager', 'get-random-password', '--password-length', '20', '--exclude-punctuation'])).RandomPassword).toMatch(/^[A-Za-z0-9]{20}$/);
  });

  it('configures rotation and resource policies', async () => {
    await aws.json(['secretsmanager', 'create-secret', '--name', 'ml/api-key', '--secret-string', 'k']);
    const rotated = await aws.json(['secretsmanager', 'rotate-secret', '--secret-id', 'ml/api-key', '--rotation-lambda-arn', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:rotate`, '--rotation-rules', 'AutomaticallyAfterDays=30']);
    expect(rotated.VersionId).toBeDefined();
    expect(await aws.json(['secretsmanager', 'describe-secret', '--secret-id', 'ml/api-key'])).toMatchObject({ RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 } });
    await aws.json(['secretsmanager', 'cancel-rotate-secret', '--secret-id', 'ml/api-key']);
    expect(await aws.text(['secretsmanager', 'describe-secret', '--secret-id', 'ml/api-key', '--query', 'RotationEnabled'])).toBe('False');
    const open = aws.file('open.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }));
    const blocked = await aws.run(['secretsmanager', 'put-resource-policy', '--secret-id', 'ml/api-key', '--resource-policy', `file://${open}`, '--block-public-policy']);
    expect(blocked.code).toBe(255);
    expect(blocked.stderr).toContain('(PublicPolicyException) when calling the PutResourcePolicy operation: The BlockPublicPolicy parameter is set to true');
    expect((await aws.json(['secretsmanager', 'validate-resource-policy', '--resource-policy', `file://${open}`])).PolicyValidationPassed).toBe(false);
    const scoped = aws.file('scoped.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }));
    await aws.json(['secretsmanager', 'put-resource-policy', '--secret-id', 'ml/api-key', '--resource-policy', `file://${scoped}`, '--block-public-policy']);
    expect(JSON.parse(await aws.text(['secretsmanager', 'get-resource-policy', '--secret-id', 'ml/api-key', '--query', 'ResourcePolicy'])).Statement[0].Principal.AWS).toBe(`arn:aws:iam::${ACCOUNT}:root`);
    await aws.json(['secretsmanager', 'delete-resource-policy', '--secret-id', 'ml/api-key']);
  });

  it('deletes, restores and force-deletes secrets', async () => {
    await aws.json(['secretsmanager', 'create-secret', '--name', 'ml/old-token', '--secret-string', 't']);
    const deleted = await aws.json(['secretsmanager', 'delete-secret', '--secret-id', 'ml/old-token', '--recovery-window-in-days', '7']);
    expect(deleted.DeletionDate).toBeDefined();
    const read = await aws.run(['secretsmanager', 'get-secret-value', '--secret-id', 'ml/old-token']);
    expect(read.stderr.trim()).toBe("An error occurred (InvalidRequestException) when calling the GetSecretValue operation: You can't perform this operation on the secret because it was marked for deletion.");
    await aws.json(['secretsmanager', 'restore-secret', '--secret-id', 'ml/old-token']);
    expect(await aws.text(['secretsmanager', 'get-secret-value', '--secret-id', 'ml/old-token', '--query', 'SecretString'])).toBe('t');
    await aws.json(['secretsmanager', 'delete-secret', '--secret-id', 'ml/old-token', '--force-delete-without-recovery']);
    const gone = await aws.run(['secretsmanager', 'describe-secret', '--secret-id', 'ml/old-token']);
    expect(gone.stderr.trim()).toBe("An error occurred (ResourceNotFoundException) when calling the DescribeSecret operation: Secrets Manager can't find the specified secret.");
  });
});
